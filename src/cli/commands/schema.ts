/**
 * `dealqual schema [snapshot|pack|model|config|result]`: the JSON Schemas (draft 2020-12), each
 * exactly as the package ships it in `schemas/<name>.json` (with its `$id`), so
 * `dealqual schema snapshot > snapshot.schema.json` gives the same file as `dealqual/schemas/snapshot.json`.
 */
import pkg from '../../../package.json';
import { schemaFile, SCHEMA_NAMES, type SchemaName } from '../../schema-files.js';
import { parse } from '../args.js';
import { argsLocale } from '../words.js';
import { usageIn, type Command } from '../command.js';
import { UsageError } from '../errors.js';

const names = SCHEMA_NAMES.join(', ');

const usage = `Usage: dealqual schema [${SCHEMA_NAMES.join('|')}]

Prints a JSON Schema (draft 2020-12), as the package ships it in schemas/<name>.json
(resolvable as dealqual/schemas/<name>.json, with its $id):
  snapshot  a deal snapshot (a deal file may name it in "$schema")
  pack      a rule-pack file (pack.json, or one file of its itemFiles)
  model     a probability model (dealqual calibrate --out, models/default.json)
  config    dealqual.config.json
  result    an evaluation result (audit -f json/jsonl, evaluateSync), compact or with its texts
With no argument, one object holding all five: { "snapshot": …, "pack": …, "model": …, "config": …, "result": … }.`;

const usageZh = `用法:dealqual schema [${SCHEMA_NAMES.join('|')}]

输出 JSON Schema(draft 2020-12),与包中 schemas/<名称>.json 相同
(可解析为 dealqual/schemas/<名称>.json,带 $id):
  snapshot  商机快照(商机文件可在 "$schema" 中引用)
  pack      规则包文件(pack.json,或其 itemFiles 中的一个文件)
  model     赢率模型(dealqual calibrate --out,models/default.json)
  config    dealqual.config.json
  result    评估结果(audit -f json/jsonl、evaluateSync),精简或带文字
不带参数时输出包含全部五个的对象:{ "snapshot": …, "pack": …, "model": …, "config": …, "result": … }。`;

const isName = (name: string): name is SchemaName => (SCHEMA_NAMES as readonly string[]).includes(name);

export const schema: Command = {
  name: 'schema',
  summary: 'print the JSON Schemas: snapshot, rule pack, model, config, result',
  usage,
  usageZh,
  async run(args, io) {
    const { values, positionals } = parse(args, { locale: { type: 'string' } }, 'schema');
    if (values.help) {
      await io.stdout.write(usageIn({ usage, usageZh }, argsLocale(args, io.env)) + '\n');
      return 0;
    }
    if (positionals.length > 1) throw new UsageError(`schema takes at most one name: ${names}`);
    const which = positionals[0];
    if (which === undefined) {
      const all = Object.fromEntries(SCHEMA_NAMES.map((name) => [name, JSON.parse(schemaFile(name, pkg.version)) as unknown]));
      await io.stdout.write(JSON.stringify(all, null, 2) + '\n');
      return 0;
    }
    if (!isName(which)) throw new UsageError(`unknown schema "${which}"; choose ${names}`);
    await io.stdout.write(schemaFile(which, pkg.version));
    return 0;
  },
};
