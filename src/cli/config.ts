/**
 * `dealqual.config.json`: the audit policy (ESLint style). Validated with zod; every message names
 * the key. `dealqual schema` prints `configJsonSchema()`.
 */
import { readFile, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import * as z from 'zod';
import { flattenIssues, jsonPath } from '../packs/load.js';
import { ITEM_ID } from '../packs/schema.js';
import { mappingSchema } from '../flat/mapping.js';
import { UsageError } from './errors.js';
import { settingsJson } from './user-file.js';
import { MAX_DAYS } from '../options.js';
import { reservedSegment } from '../flat/keys.js';

export const CONFIG_FILE = 'dealqual.config.json';

/** Rule ids the audit reports; item ids (`s2.2`) are accepted as keys too. See docs/cli.md. */
export const RULE_IDS = [
  'stage-unearned',
  'missing-star',
  'missing',
  'contradiction',
  'cross-pack-contradiction',
  'method-disagreement',
  'red-flag',
  'stale',
  'unsupported',
  'low-probability',
  'duplicate-id',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export type Severity = 'off' | 'warn' | 'error';
export const DEFAULT_SEVERITY: Record<RuleId, Severity> = {
  'stage-unearned': 'error',
  'missing-star': 'warn',
  missing: 'off',
  contradiction: 'error',
  'cross-pack-contradiction': 'error',
  'method-disagreement': 'warn',
  'red-flag': 'error',
  stale: 'warn',
  unsupported: 'warn',
  'low-probability': 'error',
  'duplicate-id': 'warn',
};

const severity = z
  .union([z.enum(['off', 'warn', 'error']), z.literal(0), z.literal(1), z.literal(2)])
  .transform((s): Severity => (s === 0 ? 'off' : s === 1 ? 'warn' : s === 2 ? 'error' : s))
  .describe('off | warn | error (or 0 | 1 | 2, as in ESLint)');

const ruleKey = z
  .string()
  .refine((k) => (RULE_IDS as readonly string[]).includes(k) || ITEM_ID.test(k), {
    message: `a rule id (${RULE_IDS.join(', ')}) or an item id such as "s2.2"`,
  });

export const configSchema = z.strictObject({
  $schema: z.string().optional(),
  packs: z
    .array(z.string().min(1))
    .min(1)
    .optional()
    .describe('Built-in pack names (sangfor-7step, man, bant; opt-in: clmls, roles, lixiang, meddpicc; all: every one) or paths to pack files or folders, relative to this file. Default: sangfor-7step, man, bant.'),
  rules: z
    .record(ruleKey, severity)
    .optional()
    .describe('Severity per rule id or per item id. An item id sets the severity of that item\'s missing-evidence problems.'),
  asOf: z.iso.date().optional().describe('Evaluation date for deals without asOf (reproducible audits). Default: today.'),
  staleDays: z.number().int().min(0).max(MAX_DAYS).optional().describe('Answers and evidence older than this many days are stale. Default 90.'),
  requireEvidence: z.boolean().optional().describe('A C answer with no supporting fact or evidence drops to F. Default false.'),
  horizonDays: z.number().int().min(0).max(MAX_DAYS).optional().describe('Days ahead within which a deadline is a near-term timeline (BANT). Default 180.'),
  locale: z.enum(['en', 'zh-CN']).optional().describe('Language of reasons and findings. Default en.'),
  csv: z
    .strictObject({
      delimiter: z.enum([',', ';', '\t', 'auto']).optional().describe('Default auto: the most frequent of , ; and tab in the header line.'),
      mapping: mappingSchema
        .optional()
        .describe('Column header → snapshot field (item id or fact path), with value tables and types; or { "preset": "salesforce", "columns": { … } }. See docs/sheets.md.'),
    })
    .optional(),
  thresholds: z
    .strictObject({
      minProbability: z.number().min(0).max(1).optional().describe('A deal below this probability gets a low-probability problem.'),
      maxWarnings: z.number().int().min(-1).max(Number.MAX_SAFE_INTEGER).optional().describe('More warnings than this exit 1; -1: no limit (default).'),
    })
    .optional(),
});

export type Config = z.output<typeof configSchema>;

export function configJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(configSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
}

export interface LoadedConfig {
  config: Config;
  /** The file it came from, or undefined for the defaults. */
  file?: string;
  /** The directory relative pack paths resolve against. */
  base: string;
}

/** Validates parsed config JSON; `file` names it in messages. */
export function parseConfig(json: unknown, file: string): Config {
  const parsed = configSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const lines = flattenIssues(parsed.error.issues).map((i) => `  ${file} ${jsonPath(i.path)}: ${i.message}`);
  throw new UsageError(`invalid config:\n${lines.join('\n')}`);
}

/**
 * The config file that applies in `cwd`: the nearest `dealqual.config.json` in `cwd` or one of its
 * parent folders (as ESLint finds its config), or undefined when there is none up to the root.
 */
export async function findConfig(cwd: string): Promise<string | undefined> {
  for (let dir = resolve(cwd); ; ) {
    const file = join(dir, CONFIG_FILE);
    try {
      if ((await stat(file)).isFile()) return file;
    } catch {
      // not here: look in the parent
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Reads `--config FILE`, or the nearest `dealqual.config.json` from the working directory up. */
export async function loadConfig(explicit: string | undefined, cwd: string): Promise<LoadedConfig> {
  const file = explicit !== undefined ? resolve(cwd, explicit) : await findConfig(cwd);
  if (file === undefined) return { config: {}, base: cwd };
  const name = explicit ?? (relative(cwd, file) || CONFIG_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read config ${name}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  return { config: parseConfig(settingsJson(text, name, 'config'), name), file, base: dirname(file) };
}
