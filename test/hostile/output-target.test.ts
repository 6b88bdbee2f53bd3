/**
 * Output targets (issue 11): `-o` naming an input truncated it before it was read. An output that is
 * an input is refused (by real path); every report goes through a temporary file renamed into place
 * on success, so a bad flag, Ctrl-C or a write failure keeps the previous report; a write failure
 * is exit 2 "cannot write …".
 */
import { spawn } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ensureBuilt, ROOT } from '../cli/helpers.js';
import { AS_OF, folder, run } from './io.js';

const DEAL = `{"id":"B1","asOf":"${AS_OF}","claimedStep":5}\n`;
const PREVIOUS = 'the previous report\n';
const leftovers = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.tmp'));
const MODEL = readFileSync(join(ROOT, 'models', 'default.json'), 'utf8');
const PACK = readFileSync(join(ROOT, 'fixtures', 'crm', 'pack.json'), 'utf8');
const MAPPING = readFileSync(join(ROOT, 'fixtures', 'crm', 'mapping.json'), 'utf8');
const CONFIG = '{"staleDays":30}\n';

describe('an output that is an input is refused before anything is read', () => {
  it('-o naming the input, the same file through ./, a symlink or a hard link, or a deal file in an input folder', async () => {
    const dir = folder({ 's.jsonl': DEAL });
    symlinkSync(join(dir, 's.jsonl'), join(dir, 'link.jsonl'));
    linkSync(join(dir, 's.jsonl'), join(dir, 'hard.txt'));
    for (const [input, output] of [['s.jsonl', 's.jsonl'], ['s.jsonl', './s.jsonl'], ['s.jsonl', 'link.jsonl'], ['s.jsonl', 'hard.txt'], ['.', 's.jsonl']]) {
      const r = await run(['audit', input!, '-f', 'jsonl', '-o', output!], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/-o .* (is also an input|is a deal file inside the input folder)/);
      expect(readFileSync(join(dir, 's.jsonl'), 'utf8')).toBe(DEAL);
    }
  });

  // A new file that the next audit of the same input would read as a deal: [input, output, the reason].
  const pickedUp: [string, string, string][] = [
    ['.', 'report.json', 'a deal file inside the input folder .'],
    ['deals', 'deals/sub/report.CSV', 'a deal file inside the input folder deals'],
    ['deals', 'deals/report.xlsx', 'a deal file inside the input folder deals'],
    ['*.jsonl', 'report.jsonl', 'a file the input pattern *.jsonl picks up'],
    ['deals/**/*.jsonl', 'deals/sub/report.jsonl', 'a file the input pattern deals/**/*.jsonl picks up'],
    ['deals/*', 'deals/report.html', 'a file the input pattern deals/* picks up'],
  ];
  it.each(pickedUp)('audit %s -o %s (a new file): refused, nothing written', async (input, output, reason) => {
    const dir = folder({ 's.jsonl': DEAL });
    mkdirSync(join(dir, 'deals', 'sub'), { recursive: true });
    writeFileSync(join(dir, 'deals', 'd.jsonl'), DEAL.replace('B1', 'B2'));
    const r = await run(['audit', input, '-f', 'json', '-o', output], dir);
    expect(r.stderr).toBe(`dealqual: -o ${output} is ${reason}: the next run would read the report as a deal; choose another file\n`);
    expect(r.code).toBe(2);
    expect(existsSync(join(dir, output))).toBe(false);
  });

  // Files the folder walk or the pattern leaves out: written, and the next audit of the input still reads only deals.
  const leftOut: [string, string][] = [
    ['.', '.report.json'],
    ['.', 'report.html'],
    ['deals', 'deals/node_modules/report.json'],
    ['deals', 'deals/.cache/report.json'],
    ['*.jsonl', 'report.json'],
    ['deals/*', 'deals/.report.json'],
  ];
  it.each(leftOut)('audit %s -o %s: not an input, written', async (input, output) => {
    const dir = folder({ 's.jsonl': DEAL });
    mkdirSync(join(dir, 'deals', 'node_modules'), { recursive: true });
    mkdirSync(join(dir, 'deals', '.cache'));
    writeFileSync(join(dir, 'deals', 'd.jsonl'), DEAL.replace('B1', 'B2'));
    const r = await run(['audit', input, '-f', 'json', '-o', output], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(existsSync(join(dir, output))).toBe(true);
    expect((await run(['audit', input], dir)).code).toBe(1);
  });

  // Files the run reads besides its deals: [what, args, the file that must stay as it was, the message].
  const reads: [string, string[], string, RegExp][] = [
    ['--model', ['audit', 's.jsonl', '--model', 'm.json', '-f', 'json', '-o', 'm.json'], 'm.json', /^dealqual: -o m\.json is also an input: --model reads it;/],
    ['--model through a hard link', ['audit', 's.jsonl', '--model', 'm.json', '-o', 'hard.json'], 'm.json', /^dealqual: -o hard\.json is also an input: --model reads it;/],
    ['--pack', ['audit', 's.jsonl', '--pack', './p.json', '-o', 'p.json'], 'p.json', /^dealqual: -o p\.json is also an input: --pack reads it;/],
    ['a --pack folder', ['audit', 's.jsonl', '--pack', 'pk', '-o', 'pk/pack.json'], 'pk/pack.json', /^dealqual: -o pk\/pack\.json is also an input: it is inside pk, a folder --pack reads;/],
    ['a file inside a --pack folder', ['audit', 's.jsonl', '--pack', 'pk', '-o', 'pk/report.json'], 'pk/pack.json', /^dealqual: -o pk\/report\.json is also an input: it is inside pk, a folder --pack reads;/],
    ['--mapping', ['audit', 's.jsonl', '--mapping', 'map.json', '-o', 'map.json'], 'map.json', /^dealqual: -o map\.json is also an input: --mapping reads it;/],
    ['--config', ['audit', 's.jsonl', '--config', 'cfg.json', '--output', './cfg.json'], 'cfg.json', /^dealqual: --output \.\/cfg\.json is also an input: --config reads it;/],
    ['the config found from the working folder', ['audit', 's.jsonl', '-o', 'dealqual.config.json'], 'dealqual.config.json', /^dealqual: -o dealqual\.config\.json is also an input: the config lookup \(the nearest dealqual\.config\.json\) reads it;/],
    ['a pack of the config\'s "packs"', ['audit', 's.jsonl', '--config', 'packs.config.json', '-o', 'p.json'], 'p.json', /^dealqual: -o p\.json is also an input: the config's "packs" reads it;/],
    ['calibrate --model', ['calibrate', 'h.json', '--model', 'm.json', '--out', 'm.json'], 'm.json', /^dealqual: --out m\.json is also an input: --model reads it;/],
    ['calibrate --mapping', ['calibrate', 'h.json', '--mapping', 'map.json', '--predictions', 'map.jsonl', '-o', 'map.json'], 'map.json', /^dealqual: -o map\.json is also an input: --mapping reads it;/],
    ['calibrate --predictions over --config', ['calibrate', 'h.json', '--config', 'c.jsonl', '--predictions', 'c.jsonl'], 'c.jsonl', /^dealqual: --predictions c\.jsonl is also an input: --config reads it;/],
  ];
  it.each(reads)('-o naming a file the run reads: %s', async (_what, args, kept, message) => {
    const dir = folder({ 's.jsonl': DEAL, 'h.json': '[]', 'm.json': MODEL, 'p.json': PACK, 'map.json': MAPPING, 'cfg.json': CONFIG, 'c.jsonl': CONFIG, 'dealqual.config.json': CONFIG, 'packs.config.json': '{"packs":["p.json"]}' });
    linkSync(join(dir, 'm.json'), join(dir, 'hard.json'));
    mkdirSync(join(dir, 'pk'));
    writeFileSync(join(dir, 'pk', 'pack.json'), PACK);
    const before = readFileSync(join(dir, kept), 'utf8');
    const r = await run(args, dir);
    expect(r.stderr).toMatch(message);
    expect(r.code).toBe(2);
    expect(readFileSync(join(dir, kept), 'utf8')).toBe(before);
    expect(existsSync(join(dir, 'pk', 'report.json'))).toBe(false);
    expect(leftovers(dir)).toEqual([]);
  });

  it('two outputs on one file (calibrate --predictions and --out) are refused, nothing written', async () => {
    for (const [predictions, out] of [['out.jsonl', './out.jsonl'], ['old.jsonl', 'old.jsonl']]) {
      const dir = folder({ 'h.json': '[]', 'old.jsonl': PREVIOUS });
      const r = await run(['calibrate', 'h.json', '--predictions', predictions!, '--out', out!], dir);
      expect(r.stderr).toBe(`dealqual: --out ${out} and --predictions ${predictions} are the same file: one output would overwrite the other; choose two files\n`);
      expect(r.code).toBe(2);
      expect(existsSync(join(dir, 'out.jsonl'))).toBe(false);
      expect(readFileSync(join(dir, 'old.jsonl'), 'utf8')).toBe(PREVIOUS);
    }
  });

  it('calibrate --out naming an input is refused too', async () => {
    const dir = folder({ 'h.json': '[]' });
    const r = await run(['calibrate', 'h.json', '--out', 'h.json'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--out h\.json is also an input/);
    expect(readFileSync(join(dir, 'h.json'), 'utf8')).toBe('[]');
  });
});

describe('the previous report survives a run that does not finish', () => {
  it('a bad flag value', async () => {
    const dir = folder({ 's.jsonl': DEAL, 'out.json': PREVIOUS });
    const r = await run(['audit', 's.jsonl', '-f', 'json', '-o', 'out.json', '--stale-days', 'x'], dir);
    expect(r.code).toBe(2);
    expect(readFileSync(join(dir, 'out.json'), 'utf8')).toBe(PREVIOUS);
    expect(leftovers(dir)).toEqual([]);
  });

  it('a finished run replaces it whole, keeping its permissions', async () => {
    const dir = folder({ 's.jsonl': DEAL, 'out.json': PREVIOUS });
    const r = await run(['audit', 's.jsonl', '-f', 'json', '-o', 'out.json'], dir);
    expect(r.code).toBe(1);
    expect(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'))[0].id).toBe('B1');
    expect(leftovers(dir)).toEqual([]);
  });

  it('a write failure (disk full: /dev/full) is exit 2 "cannot write …: ENOSPC"', async () => {
    for (const format of ['json', 'xlsx']) {
      const r = await run(['audit', 's.jsonl', '-f', format, '-o', '/dev/full'], folder({ 's.jsonl': DEAL }));
      expect(r.stderr).toBe('dealqual: cannot write /dev/full: ENOSPC\n');
      expect(r.code).toBe(2);
    }
  });

  it('a folder that does not exist, or a path through a file, is exit 2 "cannot write …"', async () => {
    const dir = folder({ 's.jsonl': DEAL });
    for (const out of ['missing/out.json', 's.jsonl/out.json']) {
      const r = await run(['audit', 's.jsonl', '-o', out], dir);
      expect(r.stderr).toMatch(new RegExp(`^dealqual: cannot write ${out.replace('.', '\\.')}: (ENOENT|ENOTDIR)\\n$`));
      expect(r.code).toBe(2);
    }
  });
});

describe('Ctrl-C (built CLI)', () => {
  beforeAll(() => ensureBuilt(), 300_000);

  it('SIGINT while the report is being written: exit 130, the previous report intact, no temporary file left', async () => {
    const dir = folder({ 'out.json': PREVIOUS });
    const child = spawn(process.execPath, [BIN, 'audit', '-', '-f', 'json', '-o', 'out.json'], { cwd: dir, stdio: ['pipe', 'ignore', 'pipe'] });
    child.stdin.write(DEAL.repeat(50));
    // Wait until the temporary file exists (the run is under way), then interrupt it; stdin stays open.
    const started = Date.now();
    while (leftovers(dir).length === 0 && Date.now() - started < 60_000) await new Promise((r) => setTimeout(r, 50));
    expect(leftovers(dir)).toHaveLength(1);
    const code = await new Promise<number | null>((resolve) => {
      child.once('exit', (c) => resolve(c));
      child.kill('SIGINT');
    });
    expect(code).toBe(130);
    expect(readFileSync(join(dir, 'out.json'), 'utf8')).toBe(PREVIOUS);
    expect(leftovers(dir)).toEqual([]);
    expect(existsSync(join(dir, 'out.json'))).toBe(true);
  }, 120_000);
});
