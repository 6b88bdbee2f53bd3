/**
 * The project's source documents live beside the repository in `../shared/seeds/` (this project's
 * workspace and CI have them); a clone of the published repository has none. Tests that compare
 * rule files with the seeds read them through here and skip, saying why, when they are absent —
 * unless DEALQUAL_REQUIRE_SEEDS is set (CI sets it), where their absence fails instead.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SEEDS_DIR = join(import.meta.dirname, '../../../shared/seeds');

/** Why seed tests skip, or undefined when the seeds are here. */
export const seedsMissing: string | undefined = existsSync(SEEDS_DIR)
  ? undefined
  : `skipped: the source documents (${SEEDS_DIR}) are not beside this clone; they ship with the project's workspace, not with the published repository`;

if (seedsMissing && process.env.DEALQUAL_REQUIRE_SEEDS) throw new Error(`DEALQUAL_REQUIRE_SEEDS is set but ${SEEDS_DIR} is missing`);

/** The text of one seed file (`004_9fc3feababb7930c.txt`), or '' when the seeds are absent. */
export const readSeed = (file: string): string => (seedsMissing ? '' : readFileSync(join(SEEDS_DIR, file), 'utf8'));
