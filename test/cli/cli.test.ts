/**
 * The built CLI as a child process: exit codes, golden output per format (UPDATE_GOLDEN=1 to
 * rewrite test/golden/), JUnit as XML, CSV round trip, broken files among good ones, stdin, the
 * other commands. Fixed --as-of so output is reproducible.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describe as describeResult } from '../../src/describe.js';
import { evaluateSync } from '../../src/evaluate.js';
import type { Result } from '../../src/result.js';
import { problemsOf } from '../../src/cli/policy.js';
import { AS_OF, ROOT, cli, ensureBuilt } from './helpers.js';
import { parseXml } from './xml.js';

const GOLDEN = join(ROOT, 'test', 'golden');
const DEALS = 'fixtures/deals';
const DEAL_FILES = readdirSync(join(ROOT, DEALS)).filter((f) => f.endsWith('.json')).sort();
let tmp: string;

beforeAll(() => {
  ensureBuilt();
  tmp = mkdtempSync(join(tmpdir(), 'dealqual-cli-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function golden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN || !existsSync(file)) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, actual);
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('audit formats (golden files)', () => {
  for (const [format, file] of [
    ['stylish', 'audit.stylish.txt'],
    ['json', 'audit.json'],
    ['jsonl', 'audit.jsonl'],
    ['junit', 'audit.junit.xml'],
    ['markdown', 'audit.md'],
    ['csv', 'audit.csv'],
  ] as const) {
    it(format, () => {
      const run = cli(['audit', DEALS, '--as-of', AS_OF, '--format', format]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(1);
      golden(file, run.stdout);
    });
  }

  it('json is an array of contract results, equal to evaluateSync, one per deal in sorted file order', () => {
    const results = JSON.parse(cli(['audit', DEALS, '--as-of', AS_OF, '-f', 'json']).stdout) as { id: string; problems: unknown[] }[];
    expect(results).toHaveLength(DEAL_FILES.length);
    DEAL_FILES.forEach((f, i) => {
      const expected = evaluateSync(JSON.parse(readFileSync(join(ROOT, DEALS, f), 'utf8')), { asOf: AS_OF });
      const { problems, ...result } = results[i]!;
      expect(result).toEqual(expected);
      expect(Array.isArray(problems)).toBe(true);
    });
  });

  it('json and jsonl are compact by default; --detail full adds the texts, as describe does, in --locale', () => {
    // Problems (with their messages in --locale) ride along in both forms; the results differ by the texts.
    const withoutProblems = ({ problems: _p, ...result }: Result & { problems?: unknown }) => result;
    const compact = (JSON.parse(cli(['audit', DEALS, '--as-of', AS_OF, '-f', 'json']).stdout) as Result[]).map(withoutProblems);
    const full = cli(['audit', DEALS, '--as-of', AS_OF, '-f', 'jsonl', '--detail', 'full', '--locale', 'zh-CN']);
    const lines = full.stdout.trim().split('\n').map((l) => withoutProblems(JSON.parse(l) as Result));
    expect(lines).toEqual(compact.map((r) => describeResult(r, { locale: 'zh-CN' })));
    DEAL_FILES.forEach((f, i) =>
      expect(lines[i]).toEqual(evaluateSync(JSON.parse(readFileSync(join(ROOT, DEALS, f), 'utf8')), { asOf: AS_OF, locale: 'zh-CN', detail: 'full' })),
    );
    // What the texts cost, in bytes written (UTF-8).
    expect(Buffer.byteLength(full.stdout)).toBeGreaterThan(2 * Buffer.byteLength(JSON.stringify(compact)));
    const bad = cli(['audit', DEALS, '-f', 'json', '--detail', 'everything']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--detail expects compact or full, got "everything"');
  });

  it('junit is well-formed XML: one test case per deal, failures where a deal has errors', () => {
    const run = cli(['audit', DEALS, '--as-of', AS_OF, '-f', 'junit']);
    const root = parseXml(run.stdout);
    expect(root.name).toBe('testsuites');
    const cases = root.children[0]!.children.filter((c) => c.name === 'testcase');
    expect(cases).toHaveLength(DEAL_FILES.length);
    const failed = cases.filter((c) => c.children.some((x) => x.name === 'failure'));
    expect(failed.length).toBe(Number(root.attributes.failures));
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.length).toBeLessThan(cases.length);
  });

  it('the xml checker rejects broken XML (so the test above can fail)', () => {
    expect(() => parseXml('<a><b></a></b>')).toThrow();
    expect(() => parseXml('<a x="1" x="2"/>')).toThrow();
    expect(() => parseXml('<a>Tom & Jerry</a>')).toThrow();
  });

  it('--output writes the report to a file; stylish without a TTY has no colour', () => {
    const out = join(tmp, 'report.md');
    const run = cli(['audit', DEALS, '--as-of', AS_OF, '-f', 'markdown', '-o', out]);
    expect(run.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(join(GOLDEN, 'audit.md'), 'utf8'));
    expect(cli(['audit', DEALS, '--as-of', AS_OF]).stdout).not.toMatch(/\u001b\[/);
    expect(cli(['audit', DEALS, '--as-of', AS_OF, '--color']).stdout).toMatch(/\u001b\[31m/);
  });

  it('--jobs gives the same output in input order, for every format, across batches and input errors; spooled formats leave no temporary file', () => {
    // 700 deals (several 256-deal batches per worker) with broken lines among them, and ids holding
    // the characters spooled pieces are split and keyed on (NUL, U+0001).
    const fixtures = DEAL_FILES.map((f) => JSON.parse(readFileSync(join(ROOT, DEALS, f), 'utf8')) as { id: string });
    const id = (i: number) => (i % 97 === 5 ? `J-${i}\u0000|\u0001s2.2\u0001` : `J-${i}`);
    const lines = Array.from({ length: 700 }, (_, i) => (i % 233 === 100 ? '{"id": ' : JSON.stringify({ ...fixtures[i % fixtures.length]!, id: id(i) })));
    const dir = mkdtempSync(join(tmpdir(), 'dealqual-jobs-'));
    try {
      const file = join(dir, 'many.jsonl');
      const temp = join(dir, 'tmp');
      mkdirSync(temp);
      writeFileSync(file, lines.join('\n') + '\n');
      for (const f of ['json', 'jsonl', 'stylish', 'csv', 'markdown', 'junit', 'sarif', 'github']) {
        const one = cli(['audit', file, '--as-of', AS_OF, '-f', f], { env: { TMPDIR: temp } });
        const two = cli(['audit', file, '--as-of', AS_OF, '-f', f, '--jobs', '2'], { env: { TMPDIR: temp } });
        expect(two.stdout, f).toBe(one.stdout);
        expect(two.stderr, f).toBe(one.stderr);
        expect(two.code, f).toBe(one.code);
        expect(one.code, f).toBe(2);
        expect(readdirSync(temp), f).toEqual([]);
      }
      // Each deal is one table row, its NUL shown as U+FFFD (CommonMark).
      const md = cli(['audit', file, '--as-of', AS_OF, '-f', 'markdown']).stdout;
      expect(md).not.toContain('\u0000');
      expect(md.split('\n').filter((l) => /^\| (✅|⚠️|❌) \| J-/.test(l))).toHaveLength(697);
      expect(md).toContain('| J-5\uFFFD\\|\u0001s2.2\u0001 |');
      // sarif: the id's U+0001 is JSON-escaped, never taken for a rule key.
      const log = JSON.parse(cli(['audit', file, '--as-of', AS_OF, '-f', 'sarif']).stdout) as { runs: { results: { ruleId: string; ruleIndex: number; properties: { deal: string } }[]; tool: { driver: { rules: { id: string }[] } } }[] };
      const run = log.runs[0]!;
      expect(run.results.some((r) => r.properties.deal === 'J-5\u0000|\u0001s2.2\u0001')).toBe(true);
      for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it('--jobs: a bad byte sequence in a JSON Lines file ends its reading at that line, as without --jobs, whatever is in flight', () => {
    // 1,000 deals (several chunks of lines in flight) with a byte that is not UTF-8 on line 500.
    const fixtures = DEAL_FILES.map((f) => JSON.parse(readFileSync(join(ROOT, DEALS, f), 'utf8')) as { id: string });
    const lines = Array.from({ length: 1000 }, (_, i) => Buffer.from(JSON.stringify({ ...fixtures[i % fixtures.length]!, id: `B-${i}` }) + '\n'));
    lines[499] = Buffer.concat([Buffer.from('{"id":"bad'), Buffer.from([0xff]), Buffer.from('"}\n')]);
    const dir = mkdtempSync(join(tmpdir(), 'dealqual-jobs-'));
    try {
      const file = join(dir, 'bytes.jsonl');
      const after = join(dir, 'after.jsonl');
      writeFileSync(file, Buffer.concat(lines));
      writeFileSync(after, JSON.stringify({ ...fixtures[0]!, id: 'AFTER' }) + '\n');
      for (const f of ['jsonl', 'stylish']) {
        const one = cli(['audit', file, after, '--as-of', AS_OF, '-f', f]);
        const two = cli(['audit', file, after, '--as-of', AS_OF, '-f', f, '--jobs', '2']);
        expect(two.stdout, f).toBe(one.stdout);
        expect(two.stderr, f).toBe(one.stderr);
        expect(one.stderr, f).toMatch(/bytes\.jsonl:500: not valid UTF-8/);
        if (f === 'jsonl') {
          const ids = one.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { id: string }).id);
          // The 499 deals before the bad line, then the next file.
          expect(ids).toEqual([...Array.from({ length: 499 }, (_, i) => `B-${i}`), 'AFTER']);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});

describe('exit codes', () => {
  it('0: a clean deal', () => {
    const run = cli(['audit', `${DEALS}/08-chengtou-tender-won.json`, '--as-of', AS_OF]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/0 problems/);
  });
  it('1: errors; warnings over --max-warnings; a deal under --min-probability', () => {
    expect(cli(['audit', DEALS, '--as-of', AS_OF]).code).toBe(1);
    const warnOnly = `${DEALS}/06-tax-bureau-tender-step6.json`;
    expect(cli(['audit', warnOnly, '--as-of', AS_OF]).code).toBe(0);
    expect(cli(['audit', warnOnly, '--as-of', AS_OF, '--max-warnings', '0']).code).toBe(1);
    const low = cli(['audit', warnOnly, '--as-of', AS_OF, '--min-probability', '0.95']);
    expect(low.code).toBe(1);
    expect(low.stdout).toMatch(/low-probability/);
    expect(cli(['audit', warnOnly, '--as-of', AS_OF, '--fail-on', 'missing-star']).code).toBe(1);
  });
  it('2: usage errors, with one message and no stack trace', () => {
    for (const args of [['audit'], ['audit', DEALS, '--bogus'], ['audit', DEALS, '--as-of', '2026-13-01'], ['audit', DEALS, '-f', 'yaml'], ['nope'], ['audit', DEALS, '--fail-on', 's9.9']]) {
      const run = cli(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/^dealqual: /);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });
  it('2: a clone not built yet (no dist/cli.js) says to run npm run build, with no stack trace', () => {
    const copy = mkdtempSync(join(tmpdir(), 'dealqual-unbuilt-'));
    try {
      mkdirSync(join(copy, 'bin'));
      cpSync(join(ROOT, 'bin', 'dealqual.js'), join(copy, 'bin', 'dealqual.js'));
      const run = spawnSync(process.execPath, [join(copy, 'bin', 'dealqual.js'), '--version'], { encoding: 'utf8' });
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe('dealqual: the CLI is not built (dist/cli.js is missing): run `npm run build` in the dealqual folder\n');
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
  it('2: a user pack that fails validation, naming the file and JSON path', () => {
    const pack = join(tmp, 'bad-pack.json');
    writeFileSync(pack, JSON.stringify({ id: 'mine', version: '1.0.0', title: { zh: '我的', en: 'Mine' }, docs: 'x', messages: {}, items: [{ id: 'x.1', step: 9 }] }));
    const run = cli(['audit', DEALS, '--pack', pack]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${pack} $.items[0].step`);
  });
  it('--model: audit scores with the model file; an invalid one is exit 2 naming the key', () => {
    const deal = join(ROOT, 'fixtures/deals/03-citybank-ad-project.json');
    const probability = (args: string[]) => (JSON.parse(cli(['audit', deal, '--format', 'json', ...args]).stdout) as { probability: number; intercept: number }[])[0]!;
    const model = JSON.parse(readFileSync(join(ROOT, 'models/default.json'), 'utf8'));
    const raised = join(tmp, 'raised-model.json');
    writeFileSync(raised, JSON.stringify({ ...model, intercept: model.intercept + 1 }));
    const base = probability(['--model', join(ROOT, 'models/default.json')]);
    const up = probability(['--model', raised]);
    expect(up.intercept).toBeCloseTo(base.intercept + 1, 12);
    expect(up.probability).toBeGreaterThan(base.probability);
    const broken = join(tmp, 'broken-model.json');
    writeFileSync(broken, JSON.stringify({ ...model, intercept: 'high' }));
    const run = cli(['audit', deal, '--model', broken]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('$.intercept');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
  it('2: a config that fails validation names the key', () => {
    const dir = join(tmp, 'cfg');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'dealqual.config.json'), JSON.stringify({ rules: { 'stage-unearned': 'loud' }, thresholds: { minProbability: 2 } }));
    const run = cli(['audit', join(ROOT, DEALS)], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('$.rules["stage-unearned"]');
    expect(run.stderr).toContain('$.thresholds.minProbability');
  });
  it('config severities apply: turning the error rules off makes the fixtures pass', () => {
    const dir = join(tmp, 'cfg-off');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'dealqual.config.json'), JSON.stringify({ asOf: AS_OF, rules: { 'stage-unearned': 'off', contradiction: 'off', 'red-flag': 0 } }));
    expect(cli(['audit', join(ROOT, DEALS)], { cwd: dir }).code).toBe(0);
  });
});

// --min-probability 40.5% printed "below the minimum 41%", and a deal at 40.7% under 41% read
// "41% is below the minimum 41%": the minimum keeps its decimals, the probability gets enough.
describe('the low-probability message', () => {
  const result = evaluateSync({ id: 'P', asOf: AS_OF }) as Result;
  const message = (probability: number, min: number, locale: 'en' | 'zh-CN' = 'en') =>
    problemsOf({ ...result, probability }, { severities: {}, locale, minProbability: min }).find((p) => p.rule === 'low-probability')!.message;
  it.each([
    [0.407, 0.41, 'probability 40.7% is below the minimum 41%'],
    [0.38, 0.405, 'probability 38% is below the minimum 40.5%'],
    [0.4049, 0.405, 'probability 40.49% is below the minimum 40.5%'],
    [0.4096, 0.41, 'probability 40.96% is below the minimum 41%'],
    [0.2, 0.4, 'probability 20% is below the minimum 40%'],
    [0.123456, 0.40125, 'probability 12.346% is below the minimum 40.125%'],
  ])('%s under %s', (probability, min, expected) => expect(message(probability, min)).toBe(expected));
  it('zh-CN too', () => expect(message(0.407, 0.41, 'zh-CN')).toBe('赢率 40.7% 低于最低要求 41%'));
});

describe('inputs', () => {
  it('a directory with broken files among good ones: every good deal reported, each bad file named after them, exit 2', () => {
    const dir = join(tmp, 'mixed');
    cpSync(join(ROOT, DEALS), join(dir, 'good'), { recursive: true });
    cpSync(join(ROOT, 'fixtures', 'invalid'), join(dir, 'bad'), { recursive: true });
    writeFileSync(join(dir, 'lines.jsonl'), '{"id":"L-1"}\n{"id": \n{"id":"L-3","amount":"x"}\n');
    const run = cli(['audit', dir, '--as-of', AS_OF, '-f', 'json']);
    expect(run.code).toBe(2);
    const ids = (JSON.parse(run.stdout) as { id: string }[]).map((r) => r.id);
    expect(ids).toHaveLength(DEAL_FILES.length + 1);
    expect(ids).toContain('L-1');
    for (const f of readdirSync(join(ROOT, 'fixtures', 'invalid'))) expect(run.stderr).toContain(join(dir, 'bad', f).slice(ROOT.length + 1) || f);
    expect(run.stderr).toMatch(/lines\.jsonl:2: invalid JSON/);
    expect(run.stderr).toMatch(/lines\.jsonl:3 \(deal L-3\): \$\.amount/);
    // Stylish: the errors come after the summary, on stderr.
    const stylish = cli(['audit', dir, '--as-of', AS_OF]);
    expect(stylish.stdout).toMatch(/could not be read or validated/);
  });

  it('stdin: JSON Lines, a JSON array, and CSV', () => {
    const deals = DEAL_FILES.slice(0, 3).map((f) => JSON.parse(readFileSync(join(ROOT, DEALS, f), 'utf8')));
    const expected = deals.map((d) => d.id);
    const jsonl = cli(['audit', '-', '--as-of', AS_OF, '-f', 'json'], { input: deals.map((d) => JSON.stringify(d)).join('\n') + '\n' });
    expect(JSON.parse(jsonl.stdout).map((r: { id: string }) => r.id)).toEqual(expected);
    const array = cli(['audit', '-', '--as-of', AS_OF, '-f', 'json'], { input: JSON.stringify(deals, null, 2) });
    expect(JSON.parse(array.stdout).map((r: { id: string }) => r.id)).toEqual(expected);
    const csv = cli(['audit', '-', '--as-of', AS_OF, '-f', 'jsonl'], { input: 'id\ts1.1\nT-1\tC\nT-2\tF\n' });
    expect(csv.stdout.trim().split('\n').map((l) => JSON.parse(l).items['s1.1'].rating)).toEqual(['C', 'F']);
  });

  it('CSV in → CSV out round trip (`;`, BOM, quoted cells): auditing the output again gives the same table', () => {
    const first = cli(['audit', 'test/cli/data/pipeline.csv', '--as-of', AS_OF, '-f', 'csv']);
    expect(first.stderr).toBe('');
    const out = join(tmp, 'scored.csv');
    writeFileSync(out, first.stdout);
    const second = cli(['audit', out, '--as-of', AS_OF, '-f', 'csv']);
    expect(second.stdout).toBe(first.stdout);
    const lines = first.stdout.trim().split('\r\n');
    expect(lines[0]).toBe('id,customer.name,amount,currency,need.problems,need.deadline,s1.1,s1.3,s2.2,s2.3,stage,milestone,probability,man,missing');
    expect(lines[3]).toMatch(/^CSV-3,"Gamma ""G"" Inc",/);
  });

  it('xlsx out and back in', () => {
    const out = join(tmp, 'scored.xlsx');
    expect(cli(['audit', 'test/cli/data/pipeline.csv', '--as-of', AS_OF, '-f', 'xlsx', '-o', out]).code).toBe(1);
    const back = cli(['audit', out, '--as-of', AS_OF, '-f', 'csv']);
    expect(back.stdout).toBe(cli(['audit', 'test/cli/data/pipeline.csv', '--as-of', AS_OF, '-f', 'csv']).stdout);
    expect(cli(['audit', out, '--sheet', 'nope']).stderr).toMatch(/no sheet named "nope"/);
  });
});

describe('explain, diff, items, schema, help', () => {
  it('explain: every item with rating, contribution and reason; the gate; next actions', () => {
    const run = cli(['explain', `${DEALS}/05-expressway-ipsec-redflag.json`, '--as-of', AS_OF]);
    expect(run.code).toBe(0);
    const result = evaluateSync(JSON.parse(readFileSync(join(ROOT, DEALS, '05-expressway-ipsec-redflag.json'), 'utf8')), { asOf: AS_OF, detail: 'full' });
    if (!result.ok) throw new Error('fixture invalid');
    for (const id of Object.keys(result.items)) expect(run.stdout).toMatch(new RegExp(`\\n\\s+${id.replace('.', '\\.')}\\s`));
    expect(run.stdout).toContain(`held by:     the step-${result.stage.step} gate`);
    expect(run.stdout).toContain('Next actions');
    // The largest contributions each way: s5.4 is this deal's red flag, so it lowers the probability most.
    const top = Object.entries(result.items).sort((a, b) => b[1].contribution - a[1].contribution)[0]!;
    expect(run.stdout).toMatch(new RegExp(`raised by: +${top[0].replace('.', '\\.')} C \\+`));
    expect(run.stdout).toMatch(/lowered by: +s5\.4 W [−-]/);
    const many = cli(['explain', DEALS]);
    expect(many.code).toBe(2);
    expect(many.stderr).toMatch(/pick one with --id/);
    const picked = cli(['explain', DEALS, '--id', result.id, '--as-of', AS_OF, '-f', 'json']);
    expect(JSON.parse(picked.stdout).result).toEqual(result);
  });

  it('diff: exit 0 without regression, 1 when the stage goes back or a ★ item is lost; JSON audits work too', () => {
    const file = `${DEALS}/04-autoparts-sdwan-step4.json`;
    expect(cli(['diff', file, file, '--as-of', AS_OF]).code).toBe(0);
    const deal = JSON.parse(readFileSync(join(ROOT, file), 'utf8'));
    const worse = join(tmp, 'worse.json');
    writeFileSync(worse, JSON.stringify({ ...deal, need: {}, answers: { ...deal.answers, 's1.1': 'W' } }));
    const run = cli(['diff', file, worse, '--as-of', AS_OF, '-f', 'json']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.regressions).toBe(1);
    expect(report.deals[0].regressions.join(' ')).toMatch(/stage back.*★ s1\.1 lost/);
    const a = join(tmp, 'a.json');
    const b = join(tmp, 'b.json');
    writeFileSync(a, cli(['audit', file, '--as-of', AS_OF, '-f', 'json']).stdout);
    writeFileSync(b, cli(['audit', worse, '--as-of', AS_OF, '-f', 'json']).stdout);
    expect(cli(['diff', a, b]).code).toBe(1);
    expect(cli(['diff', b, a]).code).toBe(0);
  });

  it('items --format json: the contract fields', () => {
    const items = JSON.parse(cli(['items', 'sangfor-7step', '--format', 'json']).stdout);
    expect(items.length).toBeGreaterThanOrEqual(34);
    for (const i of items) expect(Object.keys(i)).toEqual(expect.arrayContaining(['id', 'step', 'star', 'title', 'signals']));
    expect(items.filter((i: { star: boolean }) => i.star).length).toBe(14);
    expect(cli(['items', 'nope']).code).toBe(2);
  });

  it('schema prints each of the five JSON Schemas exactly as shipped in schemas/, or all five', () => {
    const names = ['snapshot', 'pack', 'model', 'config', 'result'];
    const all = JSON.parse(cli(['schema']).stdout);
    expect(Object.keys(all)).toEqual(names);
    for (const name of names) {
      const shipped = readFileSync(join(ROOT, 'schemas', `${name}.json`), 'utf8');
      expect(cli(['schema', name]).stdout, name).toBe(shipped);
      expect(all[name], name).toEqual(JSON.parse(shipped));
    }
    expect(all.config.properties.rules).toBeDefined();
    expect(all.snapshot.required).toContain('id');
    const help = cli(['schema', '--help']).stdout;
    for (const name of names) expect(help).toMatch(new RegExp(`^  ${name} `, 'm'));
    const bad = cli(['schema', 'deal']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown schema "deal"; choose snapshot, pack, model, config, result');
  });

  it('--help and --version everywhere', () => {
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
    for (const cmd of [[], ['audit'], ['explain'], ['diff'], ['items'], ['schema']]) {
      const help = cli([...cmd, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(/Usage: dealqual/);
      expect(cli([...cmd, '--version']).stdout.trim()).toBe(version);
    }
  });
});
