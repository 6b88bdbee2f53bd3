/**
 * Report formats and CLI habits of issue 15, through the built CLI: html (self-contained,
 * deterministic), sarif (validated against the official SARIF 2.1.0 schema), github annotations,
 * problems in json, --quiet, globs, config lookup, colour, output flags, zh-CN words, CSV formulas.
 * The HTML in a real browser: test/browser/.
 */
import { createRequire } from 'node:module';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Ajv from 'ajv-draft-04';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AS_OF, ROOT, cli, ensureBuilt } from './helpers.js';
import { escapeData, escapeProperty } from '../../src/cli/formatters/github.js';
import { neutralise } from '../../src/cli/formatters/csv.js';
import { countDeals, progressText, duration } from '../../src/cli/progress.js';
import { envLocale } from '../../src/cli/words.js';
import { arrayElementLines } from '../../src/node/json.js';

const DEALS = 'fixtures/deals';
let tmp: string;
beforeAll(() => {
  ensureBuilt();
  tmp = mkdtempSync(join(tmpdir(), 'dealqual-reports-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const deal = (id: string, extra: Record<string, unknown> = {}) => ({ id, asOf: AS_OF, answers: { 's1.1': 'C' }, ...extra });

// Each CLI run is a child process; on a loaded machine a test of several runs takes a while.
const SLOW = { timeout: 180_000 };

describe('json problems', SLOW, () => {
  it('each json result carries its problems: rule, severity, items, code, params, message', () => {
    const results = JSON.parse(cli(['audit', DEALS, '--as-of', AS_OF, '-f', 'json']).stdout) as { id: string; problems: { rule: string; severity: string; items: string[]; code: string; message: string }[] }[];
    const stylish = cli(['audit', DEALS, '--as-of', AS_OF]).stdout;
    const total = results.reduce((s, r) => s + r.problems.length, 0);
    expect(stylish).toContain(`${total} problems`);
    const unearned = results.flatMap((r) => r.problems).find((p) => p.rule === 'stage-unearned')!;
    expect(unearned).toMatchObject({ severity: 'error', code: 'stage.unearned' });
    expect(unearned.items.length).toBeGreaterThan(0);
    const jsonl = cli(['audit', DEALS, '--as-of', AS_OF, '-f', 'jsonl']).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(jsonl.map((r) => r.problems)).toEqual(results.map((r) => r.problems));
  });
});

describe('sarif', SLOW, () => {
  const schemaFile = join(dirname(createRequire(import.meta.url).resolve('@microsoft/jest-sarif/package.json')), 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');
  function validator() {
    const schema = JSON.parse(readFileSync(schemaFile, 'utf8'));
    // unicodeRegExp off: the schema's language pattern is not valid in unicode mode.
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false });
    return ajv.compile(schema);
  }

  it('validates against the official SARIF 2.1.0 schema: one result per problem, rule help from the pack items, file and line', () => {
    const run = cli(['audit', DEALS, '--as-of', AS_OF, '-f', 'sarif']);
    expect(run.code).toBe(1);
    const log = JSON.parse(run.stdout);
    const validate = validator();
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const results = JSON.parse(cli(['audit', DEALS, '--as-of', AS_OF, '-f', 'json']).stdout) as { problems: unknown[] }[];
    const sarifRun = log.runs[0];
    expect(sarifRun.results).toHaveLength(results.reduce((s, r) => s + r.problems.length, 0));
    const rules = sarifRun.tool.driver.rules as { id: string; help: { text: string }; shortDescription: { text: string } }[];
    // A ★ gate problem is filed under its item, whose help carries the item's signals.
    const gate = sarifRun.results.find((r: { properties: { rule: string } }) => r.properties.rule === 'missing-star');
    const rule = rules[gate.ruleIndex]!;
    expect(rule.id).toBe(gate.ruleId);
    expect(rule.id).toMatch(/^s\d\.\d$/);
    expect(rule.help.text).toMatch(/Signals that prove it:\n1\. /);
    expect(gate.locations[0].physicalLocation.artifactLocation.uri).toMatch(/^fixtures\/deals\/\d\d-[a-z0-9-]+\.json$/);
    expect(gate.locations[0].physicalLocation.region.startLine).toBe(1);
    expect(rules.map((r) => r.id)).toContain('stage-unearned');
    // The log is written from per-deal pretty texts: it must be the log pretty-printed as a whole,
    // and every result's ruleIndex the position of its rule, rules in order of first use.
    expect(run.stdout).toBe(JSON.stringify(log, null, 2) + '\n');
    const firstUse = [...new Set(sarifRun.results.map((r: { ruleId: string }) => r.ruleId))];
    expect(rules.map((r) => r.id)).toEqual(firstUse);
    for (const r of sarifRun.results as { ruleId: string; ruleIndex: number }[]) expect(rules[r.ruleIndex]!.id).toBe(r.ruleId);
  });

  it('the schema check fails on a broken log (so the test above can fail)', () => {
    const validate = validator();
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} }, results: [{ level: 'fatal', message: {} }] }] })).toBe(false);
  });

  it('JSON array elements and JSON Lines know their line; stdin has no location; unreadable inputs are notifications', () => {
    const dir = join(tmp, 'sarif');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'many.json'), `[\n  ${JSON.stringify(deal('A', { claimedStep: 3 }))},\n\n  ${JSON.stringify(deal('B', { claimedStep: 4 }))}\n]\n`);
    writeFileSync(join(dir, 'lines.jsonl'), `${JSON.stringify(deal('C', { claimedStep: 3 }))}\n${JSON.stringify(deal('D', { claimedStep: 3 }))}\n`);
    writeFileSync(join(dir, 'broken.json'), '{ "id": ');
    const log = JSON.parse(cli(['audit', 'broken.json', 'many.json', 'lines.jsonl', '-f', 'sarif'], { cwd: dir }).stdout);
    expect(validator()(log)).toBe(true);
    const lineOf = (id: string) => log.runs[0].results.find((r: { properties: { deal: string } }) => r.properties.deal === id).locations[0].physicalLocation.region.startLine;
    expect([lineOf('A'), lineOf('B'), lineOf('C'), lineOf('D')]).toEqual([2, 4, 1, 2]);
    const notes = log.runs[0].invocations[0].toolExecutionNotifications;
    expect(notes).toHaveLength(1);
    expect(notes[0].locations[0].physicalLocation.artifactLocation.uri).toBe('broken.json');
    expect(log.runs[0].invocations[0].executionSuccessful).toBe(false);
    const stdin = JSON.parse(cli(['audit', '-', '-f', 'sarif'], { input: JSON.stringify(deal('E', { claimedStep: 3 })) }).stdout);
    expect(stdin.runs[0].results[0].locations).toEqual([]);
  });

  it('element lines of a JSON array: strings and nesting skipped', () => {
    expect(arrayElementLines('[\n {"a":"[,"},\n [1,\n 2],\n "x"\n]')).toEqual([2, 3, 5]);
    expect(arrayElementLines('[]')).toEqual([]);
    expect(arrayElementLines('{"a":[1,2]}')).toEqual([]);
  });
});

describe('github', SLOW, () => {
  it('one annotation per problem, error or warning, with file, line and title', () => {
    const run = cli(['audit', DEALS, '--as-of', AS_OF, '-f', 'github']);
    expect(run.code).toBe(1);
    const lines = run.stdout.trim().split('\n');
    const problems = (JSON.parse(cli(['audit', DEALS, '--as-of', AS_OF, '-f', 'json']).stdout) as { problems: unknown[] }[]).reduce((s, r) => s + r.problems.length, 0);
    expect(lines).toHaveLength(problems);
    for (const line of lines) expect(line).toMatch(/^::(error|warning) file=fixtures\/deals\/[^,]+\.json,line=\d+,title=dealqual [^:]+::\S/);
    expect(lines.some((l) => l.startsWith('::error'))).toBe(true);
  });

  it('escapes data and property values as the runner expects', () => {
    expect(escapeData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext');
    expect(escapeProperty('a:b,c%')).toBe('a%3Ab%2Cc%25');
    const dir = join(tmp, 'gh');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'x,y:z.jsonl'), JSON.stringify(deal('id,with:colon', { claimedStep: 3 })) + '\n');
    const out = cli(['audit', 'x,y:z.jsonl', '-f', 'github'], { cwd: dir }).stdout;
    expect(out).toMatch(/^::error file=x%2Cy%3Az\.jsonl,line=1,title=dealqual stage-unearned \(id%2Cwith%3Acolon\)::/);
  });
});

describe('html', SLOW, () => {
  it('one self-contained, deterministic file: no external resource, charts inline as SVG', () => {
    const a = cli(['audit', DEALS, '--as-of', AS_OF, '-f', 'html']);
    const b = cli(['audit', DEALS, '--as-of', AS_OF, '-f', 'html']);
    expect(a.code).toBe(1);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toMatch(/^<!DOCTYPE html>/);
    expect(a.stdout).not.toMatch(/<script[^>]+src=|<link[^>]+href=|@import|url\(\s*['"]?https?:|<img[^>]+src=["']?https?:/i);
    expect(a.stdout).toContain("default-src 'none'");
    for (const id of ['chart-funnel', 'chart-probability', 'chart-pipeline', 'chart-man', 'chart-findings']) expect(a.stdout).toMatch(new RegExp(`<figure id="${id}"><h2>[^<]+</h2><svg`));
    expect(a.stdout.match(/<article class="card/g)).toHaveLength(30);
  });

  it('zh-CN: the report and the CLI speak Chinese with --locale zh-CN or a Chinese LANG', () => {
    const html = cli(['audit', DEALS, '--as-of', AS_OF, '-f', 'html', '--locale', 'zh-CN']).stdout;
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('各步骤商机数');
    const stylish = cli(['audit', DEALS, '--as-of', AS_OF], { env: { LANG: 'zh_CN.UTF-8' } }).stdout;
    expect(stylish).toMatch(/个问题/);
    expect(stylish).toMatch(/第 1 步 · 线索/);
    expect(stylish).toMatch(/阶段:第 1 步:\d+/);
    expect(cli(['--help'], { env: { LC_ALL: 'zh_CN.UTF-8' } }).stdout).toMatch(/用法:dealqual <命令>/);
    expect(cli(['audit', '--help', '--locale', 'zh-CN']).stdout).toMatch(/只报告错误/);
    // LC_ALL wins over LANG; --locale over both.
    expect(cli(['--help'], { env: { LC_ALL: 'C', LANG: 'zh_CN.UTF-8' } }).stdout).toMatch(/^dealqual .* qualify/);
    expect(cli(['audit', DEALS, '--as-of', AS_OF, '--locale', 'en'], { env: { LANG: 'zh_CN.UTF-8' } }).stdout).toMatch(/problems \(/);
    expect(envLocale({ LANG: 'zh_TW.UTF-8' })).toBe('zh-CN');
    expect(envLocale({ LANG: 'en_US.UTF-8' })).toBeUndefined();
  });

  it.each([
    ['explain', '--top N', '列出的下一步行动数'],
    ['diff', '--format text|json', '出现倒退时退出码为 1'],
    ['items', '--format json', '(decisive)'],
    ['calibrate', '--repeat N', '重复交叉验证'],
    ['schema', 'result', '评估结果'],
  ])('zh-CN: `%s --help` in Chinese (--locale, a Chinese LANG, dealqual help), English otherwise', (command, option, words) => {
    const zh = cli([command, '--help', '--locale', 'zh-CN']);
    expect(zh.code).toBe(0);
    expect(zh.stdout).toMatch(new RegExp(`^用法:dealqual ${command} `));
    expect(zh.stdout).toContain(option);
    expect(zh.stdout).toContain(words);
    expect(cli([command, '--help'], { env: { LANG: 'zh_CN.UTF-8' } }).stdout).toBe(zh.stdout);
    expect(cli(['help', command], { env: { LC_ALL: 'zh_CN.UTF-8' } }).stdout).toBe(zh.stdout);
    const en = cli([command, '--help'], { env: { LANG: 'en_US.UTF-8' } });
    expect(en.stdout).toMatch(new RegExp(`^Usage: dealqual ${command} `));
    expect(en.stdout).toContain(option);
  });

  it('calibrate -f html: reliability diagram, ROC curves, folds and moved weights', () => {
    const run = cli(['calibrate', 'fixtures/crm/history.csv', '--pack', 'fixtures/crm/pack.json', '--mapping', 'fixtures/crm/mapping.json', '-f', 'html', '--folds', '3']);
    expect(run.code).toBe(0);
    for (const id of ['chart-reliability', 'chart-roc', 'chart-weights']) expect(run.stdout).toMatch(new RegExp(`<figure id="${id}"><h2>[^<]+</h2><svg`));
    expect(run.stdout.match(/<tr><td>\d<\/td>/g)).toHaveLength(3);
  });
});

describe('CLI habits', SLOW, () => {
  it('--quiet reports errors only, and warnings no longer fail --max-warnings', () => {
    const quiet = JSON.parse(cli(['audit', DEALS, '--as-of', AS_OF, '-f', 'json', '--quiet']).stdout) as { problems: { severity: string }[] }[];
    const all = quiet.flatMap((r) => r.problems);
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((p) => p.severity === 'error')).toBe(true);
    const warnOnly = `${DEALS}/06-tax-bureau-tender-step6.json`;
    expect(cli(['audit', warnOnly, '--as-of', AS_OF, '--max-warnings', '0']).code).toBe(1);
    expect(cli(['audit', warnOnly, '--as-of', AS_OF, '--max-warnings', '0', '-q']).code).toBe(0);
  });

  it('glob patterns expand (sorted, files only); a pattern matching nothing is exit 2', () => {
    const json = JSON.parse(cli(['audit', 'fixtures/deals/0*.json', 'fixtures/deals/1[0-1]-*.json', '--as-of', AS_OF, '-f', 'json']).stdout) as { id: string }[];
    expect(json.map((r) => r.id.slice(0, 5))).toEqual(['ZH-01', 'EN-02', 'ZH-03', 'EN-04', 'ZH-05', 'ZH-06', 'EN-07', 'ZH-08', 'EN-09', 'EN-10', 'ZH-11']);
    expect(JSON.parse(cli(['audit', 'fixtures/**/1?-*.json', '--as-of', AS_OF, '-f', 'json']).stdout)).toHaveLength(10);
    const none = cli(['audit', 'fixtures/deals/*.nothing', '--as-of', AS_OF]);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe('dealqual: no files match the pattern "fixtures/deals/*.nothing"\n');
  });

  it('the nearest dealqual.config.json up the tree applies; --config overrides it', () => {
    const root = join(tmp, 'tree');
    const sub = join(root, 'team', 'deals');
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(root, 'dealqual.config.json'), JSON.stringify({ rules: { 'stage-unearned': 'off' } }));
    writeFileSync(join(root, 'team', 'dealqual.config.json'), JSON.stringify({ asOf: AS_OF, rules: { 'stage-unearned': 'warn', 'missing-star': 'off' } }));
    writeFileSync(join(root, 'strict.json'), JSON.stringify({ asOf: AS_OF, rules: { 'missing-star': 'error' } }));
    writeFileSync(join(sub, 'd.json'), JSON.stringify(deal('X', { claimedStep: 3 })));
    const nearest = JSON.parse(cli(['audit', 'd.json', '-f', 'json'], { cwd: sub }).stdout)[0].problems;
    expect(nearest.map((p: { rule: string; severity: string }) => `${p.rule}:${p.severity}`)).toEqual(['stage-unearned:warn']);
    // --config replaces the lookup: stage-unearned is back to its default (error).
    const explicit = JSON.parse(cli(['audit', 'd.json', '-f', 'json', '--config', '../../strict.json'], { cwd: sub }).stdout)[0].problems;
    expect(explicit.map((p: { rule: string; severity: string }) => `${p.rule}:${p.severity}`)).toEqual(['stage-unearned:error']);
    const broken = join(tmp, 'broken-tree', 'a');
    mkdirSync(broken, { recursive: true });
    writeFileSync(join(tmp, 'broken-tree', 'dealqual.config.json'), '{"staleDays": "x"}');
    writeFileSync(join(broken, 'd.json'), JSON.stringify(deal('Y')));
    const bad = cli(['audit', 'd.json'], { cwd: broken });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('../dealqual.config.json $.staleDays');
  });

  it('colour: FORCE_COLOR turns it on without a TTY, FORCE_COLOR=0 and NO_COLOR off, --no-color wins', () => {
    const file = `${DEALS}/02-logistics-sslvpn-opportunity.json`;
    const ansi = /\u001b\[/;
    expect(cli(['audit', file, '--as-of', AS_OF]).stdout).not.toMatch(ansi);
    expect(cli(['audit', file, '--as-of', AS_OF], { env: { FORCE_COLOR: '1' } }).stdout).toMatch(ansi);
    expect(cli(['audit', file, '--as-of', AS_OF], { env: { FORCE_COLOR: '0' } }).stdout).not.toMatch(ansi);
    expect(cli(['audit', file, '--as-of', AS_OF], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout).toMatch(ansi);
    expect(cli(['audit', file, '--as-of', AS_OF, '--no-color'], { env: { FORCE_COLOR: '1' } }).stdout).not.toMatch(ansi);
  });

  it('-o / --output-file everywhere; --output (audit) and --out (calibrate) still work', () => {
    const file = `${DEALS}/01-hospital-ac-lead.json`;
    for (const flag of ['-o', '--output-file', '--output']) {
      const out = join(tmp, `report${flag}.json`);
      expect(cli(['audit', file, '--as-of', AS_OF, '-f', 'json', flag, out]).stdout).toBe('');
      expect(JSON.parse(readFileSync(out, 'utf8'))[0].id).toBe('ZH-01-市一医院-AC');
    }
    const history = ['calibrate', 'fixtures/crm/history.csv', '--pack', 'fixtures/crm/pack.json', '--mapping', 'fixtures/crm/mapping.json', '--folds', '2'];
    for (const flag of ['-o', '--output-file', '--out']) {
      const out = join(tmp, `model${flag}.json`);
      expect(cli([...history, flag, out]).code).toBe(0);
      expect(JSON.parse(readFileSync(out, 'utf8')).format).toBeDefined();
    }
  });

  it('progress: percentage and ETA when the total is known, motion only when not', () => {
    expect(progressText(250, 1000, 5, 0)).toBe('█████░░░░░░░░░░░░░░░ 25% · 250/1,000 · 50/s · ETA 15s');
    expect(progressText(3000, 100_000, 10, 2)).toBe('░░░░░░░░░░░░░░░░░░░░ 3% · 3,000/100,000 · 300/s · ETA 5:23 · 2 input errors');
    expect(progressText(5000, undefined, 1, 0)).toBe('██████████░░░░░░░░░░ 5,000 · 5,000/s');
    expect(progressText(500, 1000, 1, 0, 'zh-CN')).toContain('预计剩余 1s');
    expect(duration(3725)).toBe('1:02:05');
  });

  it('the total for the percentage: JSON deals, JSON Lines lines, CSV rows, folders walked; unknown for stdin', async () => {
    const dir = join(tmp, 'count');
    mkdirSync(join(dir, 'sub'), { recursive: true });
    writeFileSync(join(dir, 'a.json'), JSON.stringify([deal('a'), deal('b'), deal('c')], null, 2));
    writeFileSync(join(dir, 'sub', 'b.jsonl'), `${JSON.stringify(deal('d'))}\n${JSON.stringify(deal('e'))}`);
    writeFileSync(join(dir, 'sub', 'c.csv'), 'id,s1.1\nf,C\ng,F\n');
    writeFileSync(join(dir, 'one.json'), JSON.stringify(deal('h')));
    writeFileSync(join(dir, 'notes.txt'), 'not a deal');
    expect(await countDeals(['.'], dir)).toBe(8);
    expect(await countDeals(['a.json', 'sub/c.csv'], dir)).toBe(5);
    expect(await countDeals(['a.json', '-'], dir)).toBeUndefined();
  });
});

describe('CSV and xlsx cells a spreadsheet would run', SLOW, () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+SUM(A1)', "'+SUM(A1)"],
    ['-2+3', "'-2+3"],
    ['@cmd', "'@cmd"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['-12.5', '-12.5'],
    ['+3', '+3'],
    ['1e3', '1e3'],
    ['plain', 'plain'],
    ['a=b', 'a=b'],
  ])('neutralise(%j) = %j', (cell, expected) => expect(neutralise(cell)).toBe(expected));

  it('csv output neutralises formulas by default; --no-csv-escape-formulas keeps the exact text', () => {
    const input = 'id,customer.name,amount,s1.1\nX1,"=HYPERLINK(""http://evil"",""x"")",5000,C\n-1,@SUM(A1),7,F\n';
    const safe = cli(['audit', '-', '--stdin-format', 'csv', '--as-of', AS_OF, '-f', 'csv'], { input });
    expect(safe.stderr).toBe('');
    const [, x1, minus] = safe.stdout.split('\r\n');
    expect(x1).toMatch(/^X1,"'=HYPERLINK\(""http:\/\/evil"",""x""\)",5000,C,1,lead,0\.\d+,/);
    // A number stays a number (-1), a formula does not (@SUM).
    expect(minus).toMatch(/^-1,'@SUM\(A1\),7,F,/);
    const exact = cli(['audit', '-', '--stdin-format', 'csv', '--as-of', AS_OF, '-f', 'csv', '--no-csv-escape-formulas'], { input }).stdout.split('\r\n');
    expect(exact[1]).toMatch(/^X1,"=HYPERLINK\(""http:\/\/evil"",""x""\)",5000,/);
    expect(exact[2]).toMatch(/^-1,@SUM\(A1\),7,F,/);
  });
});
