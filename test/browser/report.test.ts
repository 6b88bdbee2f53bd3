/**
 * The HTML reports in a real browser (headless Chromium, test/browser/chromium.ts): the charts
 * render (SVG with marks), nothing is fetched, no console errors, filtering, sorting and paging
 * of the deal table work, cards link from the table. Screenshots go to test-artifacts/ (gitignored;
 * CI keeps them): look at them after a change to the report.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSnapshots } from '../../bench/generate.mjs';
import { AS_OF, ROOT, cli, ensureBuilt } from '../cli/helpers.js';
import { HAS_CHROMIUM, SKIP_REASON, openFile, type Opened } from './chromium.js';

const ARTIFACTS = join(ROOT, 'test-artifacts');
const CHARTS = ['chart-funnel', 'chart-probability', 'chart-pipeline', 'chart-man', 'chart-findings'];
let tmp: string;

if (!HAS_CHROMIUM) console.warn(SKIP_REASON);

/** Writes a report with the CLI and returns its path. */
function report(name: string, args: string[], options: { input?: string } = {}): string {
  const file = join(tmp, name);
  const run = cli([...args, ...(args[0] === 'audit' ? ['-o', file] : [])], options);
  expect(run.code === 0 || run.code === 1, run.stderr).toBe(true);
  if (args[0] !== 'audit') writeFileSync(file, run.stdout);
  return file;
}

const rows = (o: Opened) => o.page.$$eval('#deals tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));

/** Each chart figure holds a non-empty SVG with drawn marks. */
async function chartsRendered(o: Opened, ids: string[]) {
  for (const id of ids) {
    const info = await o.page.$eval(`#${id} svg`, (svg) => {
      const box = svg.getBoundingClientRect();
      return { width: box.width, height: box.height, marks: svg.querySelectorAll('g[class*="mark-"] path, g[class*="mark-"] text, g[class*="mark-"] line, g[class*="mark-"] rect').length };
    });
    expect(info.width, id).toBeGreaterThan(150);
    expect(info.height, id).toBeGreaterThan(80);
    expect(info.marks, id).toBeGreaterThan(3);
  }
}

async function shot(o: Opened, name: string, selector?: string) {
  if (selector) await o.page.locator(selector).first().scrollIntoViewIfNeeded();
  await o.page.screenshot({ path: join(ARTIFACTS, name) });
}

describe.skipIf(!HAS_CHROMIUM)('HTML reports in headless Chromium', { timeout: 240_000 }, () => {
  beforeAll(() => {
    ensureBuilt();
    tmp = mkdtempSync(join(tmpdir(), 'dealqual-browser-'));
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('audit report (en): charts render offline, the table filters, sorts and links to cards', async () => {
    const o = await openFile(report('audit-en.html', ['audit', 'fixtures/deals', '--as-of', AS_OF, '-f', 'html']));
    try {
      await chartsRendered(o, CHARTS);
      await shot(o, 'audit-en-top.png');
      await shot(o, 'audit-en-man.png', '#chart-man');
      expect(await o.page.$$eval('#summary .tile b', (b) => b.slice(0, 2).map((e) => e.textContent))).toEqual(['30', '12']);
      expect(await rows(o)).toHaveLength(30);
      expect(await o.page.textContent('#page-info')).toBe('Page 1 of 1 · 30 deals');

      await o.page.fill('#filter', 'ZH-');
      const zh = await rows(o);
      expect(zh.length).toBe(15);
      expect(zh.every((r) => r[0]!.startsWith('ZH-'))).toBe(true);
      await o.page.fill('#filter', '');

      await o.page.check('#failing');
      const failing = await rows(o);
      expect(failing).toHaveLength(12);
      expect(failing.every((r) => Number(r[6]) > 0)).toBe(true);
      await o.page.uncheck('#failing');

      await o.page.selectOption('#milestone', 'won');
      expect((await rows(o)).map((r) => r[3])).toEqual(['won', 'won', 'won']);
      await o.page.selectOption('#milestone', '');

      // Numeric columns sort descending first, then ascending.
      await o.page.click('#deals th[data-col="4"] button');
      const desc = (await rows(o)).map((r) => Number(r[4]!.replace('%', '')));
      expect(desc).toEqual([...desc].sort((a, b) => b - a));
      expect(desc[0]).toBeGreaterThan(desc[desc.length - 1]!);
      await o.page.click('#deals th[data-col="4"] button');
      const asc = (await rows(o)).map((r) => Number(r[4]!.replace('%', '')));
      expect(asc).toEqual([...desc].reverse().sort((a, b) => a - b));
      await o.page.click('#deals th[data-col="0"] button');
      const ids = (await rows(o)).map((r) => r[0]!);
      expect(ids).toEqual([...ids].sort());
      await shot(o, 'audit-en-table.png', '#table');

      // A deal's id links to its card: checklist by step with ★, missing evidence with signals, contributions.
      await o.page.click('#deals tbody tr:first-child a');
      const card = o.page.locator('article.card:target');
      await expect.poll(() => card.count()).toBe(1);
      expect(await card.locator('.checklist tr').count()).toBeGreaterThanOrEqual(7);
      expect(await card.locator('.chip', { hasText: '★' }).count()).toBeGreaterThan(0);
      expect(await card.locator('table.contributions tr').count()).toBeGreaterThan(1);
      await shot(o, 'audit-en-card.png', 'article.card:target');

      expect(o.consoleErrors).toEqual([]);
      expect(o.requests).toEqual([]);
    } finally {
      await o.close();
    }
  });

  it('a CRM export over a pack weighed per level: each card shows the level read beside its contribution', async () => {
    const input = readFileSync(join(ROOT, 'fixtures/crm/history.csv'), 'utf8').split('\n').slice(0, 13).join('\n') + '\n';
    const args = ['audit', '-', '--stdin-format', 'csv', '--pack', 'fixtures/crm/pack-levels.json', '--mapping', 'fixtures/crm/mapping.json', '--as-of', AS_OF, '-f', 'html'];
    const o = await openFile(report('audit-crm-levels.html', args, { input }));
    try {
      expect(await rows(o)).toHaveLength(12);
      await o.page.click('#deals tbody tr:first-child a');
      const card = o.page.locator('article.card:target');
      await expect.poll(() => card.count()).toBe(1);
      const levels = await card.locator('table.contributions .level').allTextContents();
      // e.g. "custom.incumbent = Us → +0.48": the column, the level read and its weight
      expect(levels.length).toBeGreaterThan(0);
      for (const text of levels) expect(text).toMatch(/^custom\.[a-z_]+ = .+ → [+−-]\d+\.\d\d$/);
      await shot(o, 'audit-crm-levels-card.png', 'article.card:target');
      expect(o.consoleErrors).toEqual([]);
    } finally {
      await o.close();
    }
  });

  it('audit report (zh-CN): charts and Chinese labels render', async () => {
    const o = await openFile(report('audit-zh.html', ['audit', 'fixtures/deals', '--as-of', AS_OF, '-f', 'html', '--locale', 'zh-CN']));
    try {
      await chartsRendered(o, CHARTS);
      expect(await o.page.textContent('#chart-funnel svg')).toContain('第 1 步');
      expect(await o.page.textContent('#page-info')).toBe('第 1 / 1 页 · 30 个商机');
      await shot(o, 'audit-zh-top.png');
      await shot(o, 'audit-zh-cards.png', '#cards');
      expect(o.consoleErrors).toEqual([]);
      expect(o.requests).toEqual([]);
    } finally {
      await o.close();
    }
  });

  it('a larger audit pages the table (50 rows a page) and bounds the cards (failing first)', async () => {
    const input = generateSnapshots(260, 7).map((d) => JSON.stringify(d)).join('\n') + '\n';
    const o = await openFile(report('audit-260.html', ['audit', '-', '--stdin-format', 'jsonl', '--as-of', AS_OF, '-f', 'html'], { input }));
    try {
      await chartsRendered(o, CHARTS.filter((c) => c !== 'chart-findings'));
      expect(await rows(o)).toHaveLength(50);
      expect(await o.page.textContent('#page-info')).toBe('Page 1 of 6 · 260 deals');
      await o.page.click('#next');
      expect(await o.page.textContent('#page-info')).toBe('Page 2 of 6 · 260 deals');
      expect(await o.page.isDisabled('#prev')).toBe(false);
      expect(await o.page.locator('article.card').count()).toBe(200);
      // Failing cards come first.
      const classes = await o.page.$$eval('article.card', (a) => a.map((e) => e.className));
      const rank = classes.map((c) => (c.includes('failing') ? 0 : 1));
      expect(rank).toEqual([...rank].sort((a, b) => a - b));
      await shot(o, 'audit-260-top.png');
      expect(o.consoleErrors).toEqual([]);
      expect(o.requests).toEqual([]);
    } finally {
      await o.close();
    }
  });

  it('calibration report: reliability diagram, ROC curves and moved weights render', async () => {
    const o = await openFile(report('calibrate.html', ['calibrate', 'fixtures/crm/history.csv', '--pack', 'fixtures/crm/pack.json', '--mapping', 'fixtures/crm/mapping.json', '-f', 'html']));
    try {
      await chartsRendered(o, ['chart-reliability', 'chart-roc', 'chart-weights']);
      expect(await o.page.locator('#folds tbody tr').count()).toBe(10);
      await shot(o, 'calibrate-top.png');
      expect(o.consoleErrors).toEqual([]);
      expect(o.requests).toEqual([]);
    } finally {
      await o.close();
    }
  });
});

describe.skipIf(HAS_CHROMIUM)('HTML reports in headless Chromium', () => {
  it(SKIP_REASON, () => {});
});
