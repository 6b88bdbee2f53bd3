/**
 * Escaping for each output's medium (issue 11): ids and other data-derived text reach a terminal
 * (stylish, stderr), a markdown renderer, an XML parser, CSV and JSON readers. Each output escapes
 * what its medium would obey.
 */
import { describe, expect, it } from 'vitest';
import { formatAll } from '../../src/cli/formatters/index.js';
import { csv } from '../../src/cli/formatters/csv.js';
import { json } from '../../src/cli/formatters/json.js';
import { junit } from '../../src/cli/formatters/junit.js';
import { cell, markdown } from '../../src/cli/formatters/markdown.js';
import { stylish } from '../../src/cli/formatters/stylish.js';
import { printable } from '../../src/cli/terminal.js';
import { parseXml } from '../cli/xml.js';
import { AS_OF, folder, run } from './io.js';
import { CONTEXT, record } from './records.js';

const TERMINAL = 'D\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202eevil\u2066x\r\ny';
const MARKUP = '<img src=x onerror=alert(1)> [click](https://evil.test) ![i](x) **b** a|b `c` <script>';
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('terminal (stylish, stderr)', () => {
  it('printable() shows control and bidi characters as escapes', async () => {
    expect(printable(TERMINAL)).toBe('D\\e]0;pwned\\x07\\e[2J\\x9b31m\\u202eevil\\u2066x\\r\\ny');
    expect(printable('张三 D-1')).toBe('张三 D-1');
  });

  it('stylish without colour holds no raw control character from the data; with colour only its own SGR codes', async () => {
    const plain = await formatAll(stylish, [record(TERMINAL, `f${TERMINAL}.json`)], CONTEXT);
    expect(plain).not.toMatch(RAW_CONTROL);
    expect(plain).toContain('D\\e]0;pwned\\x07');
    const coloured = await formatAll(stylish, [record(TERMINAL)], { ...CONTEXT, color: true });
    expect(coloured.replace(/\u001b\[\d+m/g, '')).not.toMatch(RAW_CONTROL);
  });

  it('the CLI: input errors on stderr and ids in the report are escaped', async () => {
    const id = JSON.stringify(TERMINAL);
    const r = await run(['audit', 'x.jsonl'], folder({ 'x.jsonl': `{"id":${id},"asOf":"${AS_OF}","amount":"x"}\n{"id":${id},"asOf":"${AS_OF}"}\n` }));
    expect(r.stderr).toContain('(deal D\\e]0;pwned\\x07');
    expect(r.stderr).not.toMatch(RAW_CONTROL);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
  });

  // The notes about a sheet's columns were written raw (audit, explain, calibrate) while the error
  // lines of the same run were escaped: every stderr line now goes through writeStderr.
  const sheet = `f${TERMINAL.replace(/[\r\n]/g, '')}.csv`;
  const header = 'id,R\u009b31m,\u202eevil\nA,x,y\n';
  it.each([
    ['audit', ['audit', sheet, '--as-of', AS_OF]],
    ['explain', ['explain', sheet, '--as-of', AS_OF]],
    ['calibrate', ['calibrate', sheet, '--as-of', AS_OF]],
  ])('%s: notes about a file and its columns are escaped on stderr', async (_, args) => {
    const r = await run(args, folder({ [sheet]: header }));
    expect(r.stderr).toMatch(/^note {2}fD\\e\]0;pwned\\x07\\e\[2J\\x9b31m\\u202eevil\\u2066xy\.csv: /m);
    expect(r.stderr).toContain('R\\x9b31m');
    expect(r.stderr).toContain('\\u202eevil');
    expect(r.stderr).not.toMatch(RAW_CONTROL);
  });

  it.each([
    ['calibrate: error', [], 'error  '],
    ['calibrate: skipped', ['--skip-invalid'], 'skipped  '],
  ])('%s lines about an unreadable deal are escaped', async (_, flags, label) => {
    const r = await run(['calibrate', 'x.jsonl', ...flags], folder({ 'x.jsonl': `{"id":${JSON.stringify(TERMINAL)},"asOf":"${AS_OF}","amount":"x"}\n` }));
    expect(r.stderr).toContain(`${label}x.jsonl:1 (deal D\\e]0;pwned\\x07`);
    expect(r.stderr).not.toMatch(RAW_CONTROL);
  });
});

describe('markdown', () => {
  it('cell() turns HTML into entities and escapes link, image, emphasis, code and table syntax', async () => {
    expect(cell(MARKUP)).toBe('&lt;img src=x onerror=alert(1)&gt; \\[click\\](https://evil.test) !\\[i\\](x) \\*\\*b\\*\\* a\\|b \\`c\\` &lt;script&gt;');
  });

  it('the report holds no raw tag or link from the data, and its table keeps 9 cells per row', async () => {
    const text = await formatAll(markdown, [record(MARKUP, `a<b>|c.json`)], CONTEXT, [{ source: { file: '<img src=y>' }, message: MARKUP }]);
    expect(text.match(/<img|<script|(?<!\\)\]\(/g)).toBeNull();
    const row = text.split('\n').find((l) => l.startsWith('| ❌'))!;
    expect(row.split(/(?<!\\)\|/).length).toBe(10);
  });
});

describe('junit, json, csv', () => {
  it('junit: well-formed XML holding the data as text', async () => {
    const text = await formatAll(junit, [record(`${TERMINAL}${MARKUP}"&'`)], CONTEXT);
    const root = parseXml(text);
    const name = root.children[0]!.children[0]!.attributes.name!;
    expect(name.startsWith('D\uFFFD]0;pwned\uFFFD')).toBe(true);
    expect(name).toContain(`${MARKUP}"&'`);
  });

  it('json: parses back to the same id', async () => {
    const text = await formatAll(json, [record(TERMINAL + MARKUP)], CONTEXT);
    expect(JSON.parse(text)[0].id).toBe(TERMINAL + MARKUP);
    // JSON escapes C0 controls itself; other characters are valid JSON text as they are.
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
  });

  it('csv: a field with quotes, commas and line breaks is quoted and reads back whole', async () => {
    const text = await formatAll(csv, [record('a,"b"\r\nc')], CONTEXT);
    expect(text.split('\r\n')[1]!.startsWith('"a,""b""')).toBe(true);
  });
});
