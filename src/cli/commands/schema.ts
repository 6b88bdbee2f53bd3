/** `dealqual schema [snapshot|pack|config]`: the JSON Schemas (draft 2020-12). */
import { snapshotJsonSchema } from '../../snapshot/schema.js';
import { packJsonSchema } from '../../packs/schema.js';
import { parse } from '../args.js';
import type { Command } from '../command.js';
import { configJsonSchema } from '../config.js';
import { UsageError } from '../errors.js';

const SCHEMAS = { snapshot: snapshotJsonSchema, pack: packJsonSchema, config: configJsonSchema } as const;

const usage = `Usage: dealqual schema [snapshot|pack|config]

Prints JSON Schema (draft 2020-12): of a deal snapshot, a rule-pack file, or dealqual.config.json.
With no argument, one object holding all three: { "snapshot": …, "pack": …, "config": … }.`;

export const schema: Command = {
  name: 'schema',
  summary: 'print the JSON Schemas of the snapshot, the rule-pack file and the config file',
  usage,
  async run(args, io) {
    const { values, positionals } = parse(args, {}, 'schema');
    if (values.help) {
      await io.stdout.write(usage + '\n');
      return 0;
    }
    if (positionals.length > 1) throw new UsageError('schema takes at most one name: snapshot, pack or config');
    const which = positionals[0];
    if (which !== undefined && !(which in SCHEMAS)) throw new UsageError(`unknown schema "${which}"; choose snapshot, pack or config`);
    const out = which ? SCHEMAS[which as keyof typeof SCHEMAS]() : Object.fromEntries(Object.entries(SCHEMAS).map(([k, f]) => [k, f()]));
    await io.stdout.write(JSON.stringify(out, null, 2) + '\n');
    return 0;
  },
};
