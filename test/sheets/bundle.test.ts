/**
 * dist/dealqual.gs.js as Apps Script runs it: loaded in a `node:vm` context that holds none of
 * Node's globals, custom functions called with 2-D arrays shaped as Sheets passes them. Values must
 * equal the library's evaluateSync on the same deals. `npm test` builds first; a missing bundle is
 * built here.
 */
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import vm from 'node:vm';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, test } from 'vitest';
import { evaluateSync, type Result } from '../../src/index.js';
import { RESULT_COLUMNS, resultRow, rowToSnapshot, missingCell, isBlankRow } from '../../src/flat/index.js';
import { packsOf } from '../support/packs.js';

const BUNDLE = 'dist/dealqual.gs.js';
const AS_OF = '2026-11-01';
let code = '';
let context: vm.Context;
const run = (source: string): unknown => vm.runInContext(source, context);
/** Calls a global function of the sandbox with arguments handed over as Sheets would. */
const call = (name: string, ...args: unknown[]): unknown => (run(name) as (...a: unknown[]) => unknown)(...args);

beforeAll(() => {
  if (!existsSync(BUNDLE)) execSync('npm run build', { stdio: 'ignore' });
  code = readFileSync(BUNDLE, 'utf8');
  context = vm.createContext({});
  vm.runInContext(code, context, { filename: 'dealqual.gs.js' });
  run(`DealQual.configure({ asOf: '${AS_OF}' })`);
}, 120_000);

/** The library's answer for one row of a table: the row's result cells. */
function expected(headers: readonly unknown[], row: readonly unknown[], rowNumber?: number): (string | number)[] {
  if (isBlankRow(row)) return RESULT_COLUMNS.map(() => '');
  const flat = rowToSnapshot(headers, row, rowNumber === undefined ? {} : { rowNumber });
  return resultRow(flat.ok ? evaluateSync(flat.snapshot, { asOf: AS_OF }) : flat);
}

const isPromiseLike = (v: unknown) => typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';

describe('the bundle text', () => {
  test('an IIFE defining DealQual, then the four custom functions as top-level declarations with @customfunction', () => {
    expect(code.startsWith('"use strict";var DealQual=(()=>{') || code.startsWith('var DealQual=(()=>{')).toBe(true);
    for (const name of ['DEALQUAL_AUDIT(range)', 'DEALQUAL_STAGE(headers, row)', 'DEALQUAL_PROBABILITY(headers, row)', 'DEALQUAL_MISSING(headers, row)']) {
      expect(code).toMatch(new RegExp(`@customfunction\\n \\*/\\nfunction ${name.replace(/[()]/g, '\\$&')} \\{`));
    }
  });

  test('no Node built-ins, require, process, timers or dynamic import; not json-rules-engine', () => {
    expect(code).not.toMatch(/\brequire\s*\(/);
    expect(code).not.toMatch(/\bprocess\s*\.\s*(env|versions|nextTick|platform|cwd)/);
    expect(code).not.toMatch(/\b(setTimeout|setInterval|setImmediate|queueMicrotask)\b/);
    expect(code).not.toMatch(/\bimport\s*\(/);
    expect(code).not.toMatch(/["']node:|\bAlmanac\b|JSONPath|hash-it|eventemitter/);
  });

  test('ES2019 syntax: no optional chaining or nullish coalescing outside string literals', () => {
    const withoutStrings = code.replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g, '""');
    expect(withoutStrings).not.toMatch(/\?\.(?!\d)/);
    expect(withoutStrings).not.toMatch(/\?\?/);
  });

  test('it stays small: under 400 KB (json-rules-engine and zod locales would exceed it)', () => {
    expect(Buffer.byteLength(code)).toBeLessThan(400_000);
  });

  test('it carries the default packs only: an opt-in pack says it is not in this build', () => {
    expect(run(`DealQual.listItems('man').length`)).toBe(3);
    expect(() => run(`DealQual.listItems('clmls')`)).toThrow(/"clmls" is an opt-in pack, not carried by this entry: .* or load rules\/clmls\/pack.json with parsePack \(the spreadsheet bundle\)/);
    expect(code).not.toContain('摧龙六式');
  });

  test('an opt-in pack passed as JSON through DealQual.parsePack evaluates as in the library', () => {
    const json = readFileSync('rules/lixiang/pack.json', 'utf8');
    const deal = { id: 'L-1', asOf: AS_OF, amount: 380000, customer: { name: '市一医院', industry: '医疗' } };
    const stages = run(`(function () {
      var parsed = DealQual.parsePack({ manifest: ${json}, file: 'lixiang.json' });
      return DealQual.evaluateSync(${JSON.stringify(deal)}, { packs: [parsed.pack] }).stages.lixiang;
    })()`);
    expect(JSON.parse(JSON.stringify(stages))).toEqual((evaluateSync(deal, { packs: packsOf('lixiang') }) as Result).stages!.lixiang);
  });

  test('the sandbox has no Node globals and the bundle adds only its own', () => {
    const fresh = vm.createContext({});
    expect(vm.runInContext('[typeof require, typeof process, typeof Buffer, typeof setTimeout, typeof module].join()', fresh)).toBe('undefined,undefined,undefined,undefined,undefined');
    vm.runInContext(code, fresh);
    const names = (vm.runInContext('Object.keys(globalThis)', fresh) as string[]).filter((n) => !n.startsWith('__zod'));
    expect(names.sort()).toEqual(['DEALQUAL_AUDIT', 'DEALQUAL_MISSING', 'DEALQUAL_PROBABILITY', 'DEALQUAL_STAGE', 'DealQual']);
  });
});

describe('DEALQUAL_AUDIT on the template (as imported into Sheets: text cells)', () => {
  const table = parse(readFileSync('fixtures/sheets/pipeline-template.csv', 'utf8')) as string[][];

  test('one result row per deal under a header row, equal to evaluateSync', () => {
    const out = call('DEALQUAL_AUDIT', table) as unknown[][];
    expect(isPromiseLike(out)).toBe(false);
    expect(out[0]).toEqual([...RESULT_COLUMNS]);
    expect(out).toHaveLength(table.length);
    table.slice(1).forEach((row, i) => {
      expect(out[i + 1], row[0]).toEqual(expected(table[0]!, row, i + 2));
      expect(String(out[i + 1]![0])).not.toMatch(/#DEALQUAL/);
    });
  });
});

describe('Sheets-shaped ranges', () => {
  // Built in the sandbox, so Dates are of its realm as in Apps Script.
  const headers = ['id', 'amount', 'need.deadline', 'funding.budgetInPlace', 'funding.approval', 'funding.source', 'customer.segment', 's1.1', 's1.3', 's2.2', 'man.authority', 'stakeholders'];
  const source = `[
    ${JSON.stringify(headers)},
    ['D-1', 1200000, new Date(2026, 11, 31), true, '已立项', '自有资金', '企业', '✓', 'C', '', '?', '张总|拍板者|深交|支持者'],
    ['D-2', '380,000', 46387, false, '', '', 'government', 'F', '', 'W', '', ''],
    ['', '', '', '', '', '', '', '', '', '', '', ''],
    ['D-3', 5000, '2026-12-01', '是', '审批中'],
    ['D-4', 'lots', 'soon', '', '', '', '', 'maybe', '', '', '', ''],
    ['D-5', '', 60, '', '', '', '', '', '', '', '', '']
  ]`;
  let range: unknown[][];
  beforeAll(() => {
    range = run(source) as unknown[][];
  });

  test('DEALQUAL_AUDIT: values equal evaluateSync; blank row blank; errors readable cells', () => {
    const out = call('DEALQUAL_AUDIT', range) as unknown[][];
    expect(out).toHaveLength(range.length);
    range.slice(1).forEach((row, i) => expect(out[i + 1], `row ${i + 2}`).toEqual(expected(range[0]!, row, i + 2)));
    expect(out[3]).toEqual(['', '', '', '', '']);
    expect(out[1]![0]).toBeTypeOf('number');
    expect(out[5]![0]).toMatch(/^#DEALQUAL: \$\.amount: expected a number such as .*; got "lots"; \$\.need\.deadline: expected a date: .*; got "soon"; \$\.answers\["s1\.1"\]: expected a rating/);
    expect(out[6]![0]).toBe('#DEALQUAL: $.need.deadline: serial 60 is 1900-02-29, a day that does not exist (the 1900 leap-year bug of spreadsheets)');
    for (const row of out) for (const cell of row) expect(String(cell)).not.toMatch(/\n\s+at /);
  });

  test('DEALQUAL_STAGE, _PROBABILITY, _MISSING with a 1×N header range and a 1×N row', () => {
    const head = [range[0]!];
    for (const [r, row] of range.slice(1).entries()) {
      const want = isBlankRow(row) ? undefined : (() => {
        const flat = rowToSnapshot(range[0]!, row);
        return flat.ok ? evaluateSync(flat.snapshot, { asOf: AS_OF }) : flat;
      })();
      const stage = call('DEALQUAL_STAGE', head, [row]);
      const probability = call('DEALQUAL_PROBABILITY', head, [row]);
      const missing = call('DEALQUAL_MISSING', head, [row]);
      for (const v of [stage, probability, missing]) expect(isPromiseLike(v)).toBe(false);
      if (want === undefined) {
        expect([stage, probability, missing], `row ${r + 2}`).toEqual(['', '', '']);
      } else if (!want.ok) {
        for (const v of [stage, probability, missing]) expect(v).toMatch(/^#DEALQUAL: /);
      } else {
        expect(stage, `row ${r + 2}`).toBe(want.stage.step);
        expect(probability).toBe(want.probability);
        expect(missing).toBe(missingCell(want));
      }
    }
  });

  test('several rows give one value each (a column); headers may be a column', () => {
    const head = [range[0]!];
    const rows = range.slice(1, 3);
    const stages = call('DEALQUAL_STAGE', head, rows) as unknown[][];
    expect(stages).toEqual(rows.map((row) => [expected(range[0]!, row)[0]]));
    const vertical = range[0]!.map((h) => [h]);
    expect(call('DEALQUAL_PROBABILITY', vertical, [range[1]!])).toBe(expected(range[0]!, range[1]!)[2]);
  });

  test('a single cell or a bad header range is an error cell, not a throw', () => {
    expect(call('DEALQUAL_AUDIT', 'id')).toEqual([[...RESULT_COLUMNS]]);
    expect(call('DEALQUAL_AUDIT', [['id', 'need.bogus'], ['D-1', 'x']])).toEqual([[...RESULT_COLUMNS], [expect.stringMatching(/^#DEALQUAL: column "need.bogus": not a fact path/), '', '', '', '']]);
    // A column of the sheet's own (notes, owner) is kept as a custom fact, not an error in every row.
    expect((call('DEALQUAL_AUDIT', [['id', 'Notes'], ['D-1', 'call back']]) as unknown[][])[1]![0]).toBe(1);
    expect(call('DEALQUAL_AUDIT', [['', ''], ['D-1', 'C']])).toEqual([['#DEALQUAL: the range must start with the header row (item ids and fact paths)']]);
    expect(call('DEALQUAL_STAGE', [['id', 's1.1'], ['id', 's1.2']], [['D-1', 'C']])).toBe('#DEALQUAL: headers must be one row (or one column); got 2 rows');
    expect(call('DEALQUAL_STAGE', [['id', 's9.9']], [['D-1', 'C']])).toMatch(/^#DEALQUAL: column "s9.9": not an item id of the evaluated packs/);
    expect(call('DEALQUAL_STAGE', [['s1.1']], 'C')).toBe(expected(['s1.1'], ['C'])[0]);
  });
});

describe('DealQual.configure with a bad mapping', () => {
  const bad: [string, string, string][] = [
    ['a spec whose "to" is a number', '{ amount: { to: 5 } }', 'mapping $.amount.to: Invalid input: expected string, received number'],
    ['a column mapped to a number', '{ amount: 7 }', 'mapping $.amount: Invalid input: expected string'],
    ['a number', '42', 'mapping $: a mapping is a JSON object'],
    ['an unknown preset', "{ preset: 'pipedrive' }", 'mapping $.preset: Invalid option: expected one of "salesforce"'],
    ['keys differing only in case', "{ auth: 's1.1', AUTH: 's1.2' }", 'mapping $.AUTH: "auth" and "AUTH" name the same column'],
  ];
  test.each(bad)('%s: every function gives a configure error cell (not an internal error, not a throw)', (_, mapping, message) => {
    try {
      run(`DealQual.configure({ asOf: '${AS_OF}', mapping: ${mapping} })`);
      const cell = `#DEALQUAL: DealQual.configure: ${message}`;
      expect(call('DEALQUAL_AUDIT', [['id', 'amount'], ['A', '5']])).toEqual([[expect.stringContaining(cell)]]);
      for (const name of ['DEALQUAL_STAGE', 'DEALQUAL_PROBABILITY', 'DEALQUAL_MISSING']) expect(call(name, [['id', 'amount']], [['A', '5']]), name).toEqual(expect.stringContaining(cell));
    } finally {
      run(`DealQual.configure({ asOf: '${AS_OF}' })`);
    }
    expect(call('DEALQUAL_STAGE', [['id', 'amount']], [['A', '5']])).toBeTypeOf('number');
  });
});
