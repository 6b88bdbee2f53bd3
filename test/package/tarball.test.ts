/**
 * The package as a CRM developer gets it: `npm pack`, then checked by publint and
 * arethetypeswrong, laid out in a scratch project as `npm i` would and used as the README shows,
 * from ESM and CommonJS. Runs offline: the tarball is unpacked as node_modules/dealqual and the
 * production dependencies (this repository's lockfile entries without `dev`) are copied beside it
 * from node_modules (`npm ci --offline` cannot run here: it asks the registry for packuments that
 * `npm ci` never cached).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureBuilt, ROOT } from '../cli/helpers.js';

interface LockEntry {
  version?: string;
  dev?: boolean;
  [key: string]: unknown;
}

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string; dependencies: Record<string, string>; bin: Record<string, string> };
const tmp = mkdtempSync(join(tmpdir(), 'dealqual-pack-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }), 60_000);

let tarball: string;
let files: string[];

const bin = (name: string) => join(ROOT, 'node_modules', '.bin', name);

beforeAll(() => {
  ensureBuilt();
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], { cwd: ROOT, encoding: 'utf8' });
  const [packed] = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
  tarball = join(tmp, packed!.filename);
  files = packed!.files.map((f) => f.path).sort();
}, 120_000);

describe('the tarball', () => {
  test('holds the library, the CLI, the Sheets bundle, rule packs, models, schemas, docs and legal files — and nothing else', () => {
    const expected = [
      /^package\.json$/,
      /^README\.md$/,
      /^LICENSE$/,
      /^CHANGELOG\.md$/,
      /^bin\/dealqual\.js$/,
      /^dist\/(index|packs)\.(js|cjs|d\.ts|d\.cts)$/,
      /^dist\/[a-z][a-z.-]*-[A-Za-z0-9_-]{8}\.d\.c?ts$/, // type declarations shared by index and packs
      /^dist\/(cli|cli-worker|dealqual\.gs)\.js$/,
      /^dist\/(vega|vega-lite)\.js$/, // the charting libraries of -f html, minified, loaded by it only
      /^dist\/[a-z][a-z.-]*-[A-Z0-9]{8}\.js$/, // chunks: shared by the ESM entry and the CLI, or loaded on demand (html, help)
      /^rules\/[a-z0-9-]+\/(pack|step-[1-7])\.json$/,
      /^models\/default\.json$/,
      /^schemas\/(snapshot|pack|model|config|result)\.json$/,
      /^docs\/[a-z-]+\.md$/,
    ];
    expect(files.filter((f) => !expected.some((re) => re.test(f)))).toEqual([]);
    for (const must of ['LICENSE', 'CHANGELOG.md', 'dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/index.d.cts', 'dist/packs.js', 'dist/packs.cjs', 'dist/packs.d.ts', 'dist/packs.d.cts', 'dist/cli.js', 'dist/dealqual.gs.js', 'models/default.json', 'rules/man/pack.json', 'schemas/result.json'])
      expect(files).toContain(must);
  });

  test('installing it runs no script: no preinstall, install, postinstall or prepare (it is built when packed, by prepack)', () => {
    const manifest = JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' })) as { scripts?: Record<string, string> };
    const lifecycle = ['preinstall', 'install', 'postinstall', 'prepare'].filter((name) => manifest.scripts?.[name] !== undefined);
    expect(lifecycle).toEqual([]);
    expect(manifest.scripts?.prepack).toBe('tsup');
  });

  test('every doc the README links is in it', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const linked = [...readme.matchAll(/\]\(((?!https?:|#)[^)#]+)(?:#[^)]*)?\)/g)].map((m) => m[1]!);
    expect(linked.length).toBeGreaterThan(0);
    expect(linked.filter((l) => !files.includes(l))).toEqual([]);
  });

  test('publint: no error, warning or suggestion', () => {
    const run = spawnSync(bin('publint'), ['run', tarball, '--level', 'suggestion', '--strict'], { encoding: 'utf8' });
    expect(run.stdout + run.stderr).toMatch(/All good!/);
    expect(run.status).toBe(0);
  }, 120_000);

  test('arethetypeswrong: no problem for node16 (CJS and ESM) and bundler resolution', () => {
    // node10 resolution cannot see subpath exports at all (the main entry resolves there too); the
    // Sheets bundle is a script to paste into Apps Script, not a module, so it has no types.
    const run = spawnSync(bin('attw'), [tarball, '--profile', 'node16', '--exclude-entrypoints', './sheets', './dealqual.gs.js', '--format', 'json'], { encoding: 'utf8', maxBuffer: 64 << 20 });
    const report = JSON.parse(run.stdout) as { analysis: { problems: { resolutionKind?: string }[]; entrypoints: Record<string, unknown> } };
    expect(report.analysis.problems.filter((p) => p.resolutionKind !== 'node10')).toEqual([]);
    expect(Object.keys(report.analysis.entrypoints)).toContain('.');
    expect(run.status).toBe(0);
  }, 120_000);
});

describe('installed in a scratch project (offline)', () => {
  const project = join(tmp, 'scratch');

  let production: string[];

  beforeAll(() => {
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
    production = Object.entries(lock.packages)
      .filter(([path, entry]) => path !== '' && !entry.dev && !entry.devOptional)
      .map(([path]) => path);
    mkdirSync(join(project, 'node_modules', 'dealqual'), { recursive: true });
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'scratch', private: true, dependencies: { dealqual: `file:${tarball}` } }));
    execFileSync('tar', ['-xzf', tarball, '-C', join(project, 'node_modules', 'dealqual'), '--strip-components=1']);
    for (const path of production) cpSync(join(ROOT, path), join(project, path), { recursive: true, dereference: true });
  }, 300_000);

  /** The README's library example, as written. */
  const example = (): string => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const block = /## Library\n```ts\n([\s\S]*?)```/.exec(readme);
    if (!block) throw new Error('README has no ```ts block under "## Library"');
    return block[1]!;
  };

  const runNode = (file: string, code: string) => {
    writeFileSync(join(project, file), code);
    return spawnSync(process.execPath, [file], { cwd: project, encoding: 'utf8' });
  };

  test('ESM: the README example runs as written', () => {
    const run = runNode('example.mjs', example());
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/step: \d,\s+milestone: '(lead|opportunity|project|won|lost)'/);
  });

  test('CommonJS: the same example with require', () => {
    const code = example().replace(/^import \{ ([^}]+) \} from 'dealqual';$/m, "const { $1 } = require('dealqual');");
    expect(code).toContain("require('dealqual')");
    const run = runNode('example.cjs', code);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/step: \d,\s+milestone: '(lead|opportunity|project|won|lost)'/);
  });

  test('evaluate (json-rules-engine) gives what evaluateSync gives; the subpaths resolve', () => {
    const run = runNode(
      'subpaths.mjs',
      `import { evaluate, evaluateSync } from 'dealqual';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
const require = createRequire(import.meta.url);
const deal = { id: 'D-1', asOf: '2026-11-01', answers: { 's1.1': 'C', 's2.2': 'F' } };
const same = JSON.stringify(await evaluate(deal)) === JSON.stringify(evaluateSync(deal));
const paths = ['dealqual/sheets', 'dealqual/rules/man/pack.json', 'dealqual/models/default.json', 'dealqual/default-model', 'dealqual/schemas/snapshot.json', 'dealqual/schemas/result.json'];
const ids = paths.filter((p) => p.endsWith('.json') || p.endsWith('model')).map((p) => JSON.parse(readFileSync(require.resolve(p), 'utf8')).$id ?? 'no $id');
console.log(JSON.stringify({ same, sheets: readFileSync(require.resolve('dealqual/sheets'), 'utf8').includes('DEALQUAL_AUDIT'), ids }));`,
    );
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout) as { same: boolean; sheets: boolean; ids: string[] };
    expect(out).toEqual({
      same: true,
      sheets: true,
      ids: ['no $id', 'no $id', 'no $id', `https://unpkg.com/dealqual@${pkg.version.split('.')[0]}/schemas/snapshot.json`, `https://unpkg.com/dealqual@${pkg.version.split('.')[0]}/schemas/result.json`],
    });
  });

  test("dealqual/packs gives every built-in pack, from ESM and CommonJS, sharing the main entry's core", () => {
    const check = `const same = packs.builtinPack('man') === main.builtinPack('man');
const r = main.evaluateSync({ id: 'D-1', asOf: '2026-11-01', answers: { 's1.1': 'C' } }, { packs: packs.allPacks() });
console.log(JSON.stringify({ ids: packs.allPacks().map((p) => p.id), same, stages: Object.keys(r.stages), clmls: main.listItems(packs.builtinPack('clmls')).length }));`;
    const expected = { ids: ['sangfor-7step', 'man', 'bant', 'clmls', 'roles', 'lixiang', 'meddpicc'], same: true, stages: ['clmls', 'lixiang'], clmls: 14 };
    const esm = runNode('packs.mjs', `import * as main from 'dealqual';\nimport * as packs from 'dealqual/packs';\n${check}`);
    expect(esm.stderr).toBe('');
    expect(JSON.parse(esm.stdout)).toEqual(expected);
    const cjs = runNode('packs.cjs', `const main = require('dealqual');\nconst packs = require('dealqual/packs');\n${check}`);
    expect(cjs.stderr).toBe('');
    expect(JSON.parse(cjs.stdout)).toEqual(expected);
  });

  test("the exported zod schemas (the library's bundled zod) work with the installed zod, from ESM and CommonJS", () => {
    const check = `const wrapper = z.object({ deal: snapshotSchema });
const parsed = wrapper.safeParse({ deal: { id: 'D-1', outcome: '赢单' } });
const bad = wrapper.safeParse({ deal: { id: 'D-1', outcome: 'maybe' } });
const json = z.toJSONSchema(z.object({ deal: snapshotSchema }), { io: 'input' });
console.log(JSON.stringify({ isZod: snapshotSchema instanceof z.ZodType, parsed: parsed.success && parsed.data, bad: bad.success || bad.error instanceof z.ZodError, id: json.properties.deal.properties.id.type }));`;
    const expected = { isZod: true, parsed: { deal: { id: 'D-1', outcome: 'won' } }, bad: true, id: 'string' };
    const esm = runNode('zod.mjs', `import * as z from 'zod';\nimport { snapshotSchema } from 'dealqual';\n${check}`);
    expect(esm.stderr).toBe('');
    expect(JSON.parse(esm.stdout)).toEqual(expected);
    const cjs = runNode('zod.cjs', `const z = require('zod');\nconst { snapshotSchema } = require('dealqual');\n${check}`);
    expect(cjs.stderr).toBe('');
    expect(JSON.parse(cjs.stdout)).toEqual(expected);
  });

  test('the CLI runs from the installed package; the install is small (no exceljs tree)', () => {
    const run = spawnSync(process.execPath, [join(project, 'node_modules', 'dealqual', 'bin', 'dealqual.js'), '--version'], { encoding: 'utf8' });
    expect(run.stdout.trim()).toBe(pkg.version);
    const names = production.map((p) => p.replace(/^.*node_modules\//, ''));
    expect(names).not.toContain('exceljs');
    expect(names.length).toBeLessThanOrEqual(25);
  });
});

describe('the API reference', () => {
  test('TypeDoc documents every public export (warnings are errors)', () => {
    const run = spawnSync(bin('typedoc'), ['--emit', 'none'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.stdout + run.stderr).not.toMatch(/\[(warning|error)\]/);
    expect(run.status).toBe(0);
  }, 300_000);
});
