import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { RESULT_COLUMNS, resultRow, tableToSnapshots } from '../../src/flat/index.js';
import { evaluateSync } from '../../src/index.js';
import { RATING_STYLE, XlsxError, readXlsx, scoredSheet, writeXlsx } from '../../src/node/xlsx.js';
import { DOS_EPOCH, stampZip } from '../../src/node/zip-times.js';

const dir = mkdtempSync(join(tmpdir(), 'dealqual-xlsx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function workbookWith(file: string, build: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  const path = join(dir, file);
  await wb.xlsx.writeFile(path);
  return path;
}

describe('readXlsx', () => {
  test('the first sheet by default, cells as the workbook holds them, dates as Dates', async () => {
    const file = await workbookWith('pipeline.xlsx', (wb) => {
      const ws = wb.addWorksheet('Pipeline');
      ws.addRow(['id', 'amount', 'need.deadline', 'funding.budgetInPlace', 's1.1', 'customer.name']);
      ws.addRow(['D-1', 1200000, new Date(Date.UTC(2026, 11, 31)), true, '✓', { richText: [{ text: '杭州' }, { text: '教育局' }] }]);
      ws.addRow(['D-2', { formula: '2*190000', result: 380000 }, '2026/12/01', '否', 'F']);
      ws.addRow([]);
      wb.addWorksheet('Other').addRow(['id', 's1.1']);
    });
    const table = await readXlsx(file);
    expect(table).toEqual([
      ['id', 'amount', 'need.deadline', 'funding.budgetInPlace', 's1.1', 'customer.name'],
      ['D-1', 1200000, new Date(Date.UTC(2026, 11, 31)), true, '✓', '杭州教育局'],
      ['D-2', 380000, '2026/12/01', '否', 'F', ''],
    ]);
    expect(table[1]![2]).toBeInstanceOf(Date);
    const snapshots = tableToSnapshots(table);
    expect(snapshots.map((s) => (s.ok ? s.snapshot : s.issues))).toEqual([
      { id: 'D-1', amount: 1200000, need: { deadline: '2026-12-31' }, funding: { budgetInPlace: true }, answers: { 's1.1': 'C' }, customer: { name: '杭州教育局' } },
      { id: 'D-2', amount: 380000, need: { deadline: '2026-12-01' }, funding: { budgetInPlace: false }, answers: { 's1.1': 'F' } },
    ]);
  });

  test('a sheet by name (case-insensitive); a missing sheet or a non-workbook is an XlsxError naming the file', async () => {
    const file = await workbookWith('two.xlsx', (wb) => {
      wb.addWorksheet('Summary').addRow(['nothing']);
      const ws = wb.addWorksheet('Deals');
      ws.addRow(['id', 's1.1']);
      ws.addRow(['D-9', 'C']);
    });
    expect(await readXlsx(file, { sheet: 'deals' })).toEqual([['id', 's1.1'], ['D-9', 'C']]);
    await expect(readXlsx(file, { sheet: 'Pipeline' })).rejects.toThrow(new XlsxError(`${file}: no sheet named "Pipeline"; the sheets are "Summary", "Deals"`));
    const junk = join(dir, 'junk.xlsx');
    writeFileSync(junk, 'id,s1.1\n');
    await expect(readXlsx(junk)).rejects.toThrow(/junk\.xlsx: not a readable \.xlsx workbook/);
  });
});

describe('writeXlsx', () => {
  test('input columns plus result columns, read back equal; ratings and probability coloured', async () => {
    const input: string[][] = [
      ['id', 's1.1', 's2.2', 'man.need', 'amount', 'need.deadline'],
      ['D-1', '✓', '?', '否', '1200000', '2026-12-31'],
      ['D-2', 'C', '', 'C', 'lots', ''],
    ];
    const rows = tableToSnapshots(input).map((r) => [...input[r.row - 1]!, ...resultRow(r.ok ? evaluateSync(r.snapshot, { asOf: '2026-11-01' }) : r)]);
    const headers = [...input[0]!, ...RESULT_COLUMNS];
    const file = join(dir, 'scored.xlsx');
    await writeXlsx(file, headers, rows);

    expect(await readXlsx(file)).toEqual([headers, ...rows]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0]!;
    const fill = (r: number, c: number) => ((ws.getRow(r).getCell(c).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb);
    expect([fill(2, 2), fill(2, 3), fill(2, 4), fill(3, 2), fill(3, 3)]).toEqual([RATING_STYLE.C.fill, RATING_STYLE.F.fill, RATING_STYLE.W.fill, RATING_STYLE.C.fill, undefined]);
    expect(fill(2, 5)).toBeUndefined();
    const p = headers.indexOf('probability') + 1;
    const probability = ws.getRow(2).getCell(p);
    expect(probability.numFmt).toBe('0%');
    expect(typeof probability.value).toBe('number');
    const band = (probability.value as number) >= 0.6 ? 'C' : (probability.value as number) >= 0.3 ? 'F' : 'W';
    expect(fill(2, p)).toBe(RATING_STYLE[band].fill);
    const error = ws.getRow(3).getCell(headers.indexOf('stage') + 1);
    expect(error.value).toMatch(/^#DEALQUAL: \$\.amount: expected a number/);
    expect(error.font?.color?.argb).toBe(RATING_STYLE.W.font);
    // every header cell bold; the result columns' headers filled
    expect(headers.map((_, i) => ws.getRow(1).getCell(i + 1).font?.bold)).toEqual(headers.map(() => true));
    expect(fill(1, headers.indexOf('stage') + 1)).toBe('FFDDEBF7');
    expect(fill(1, 1)).toBeUndefined();
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });
});

describe('the same table, the same bytes', () => {
  // The zip writer stamped each entry with the time of writing: two runs a minute apart differed.
  test('writeXlsx at two different times writes identical files, entries dated 1980-01-01', async () => {
    const headers = ['id', 's1.1', ...RESULT_COLUMNS];
    const rows = [['D-1', 'C', ...resultRow(evaluateSync({ id: 'D-1', asOf: '2026-11-01', answers: { 's1.1': 'C' } }))]];
    const written: Buffer[] = [];
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      for (const now of ['2026-03-01T10:00:00Z', '2027-08-15T23:59:58Z']) {
        vi.setSystemTime(new Date(now));
        const file = join(dir, `same-${written.length}.xlsx`);
        await writeXlsx(file, headers, rows);
        written.push(readFileSync(file));
      }
    } finally {
      vi.useRealTimers();
    }
    expect(written[0]!.equals(written[1]!)).toBe(true);
    expect(await readXlsx(join(dir, 'same-0.xlsx'))).toEqual([headers, ...rows]);
    // Every local header (PK\x03\x04) carries the fixed time and date.
    const bytes = written[0]!;
    let headersSeen = 0;
    for (let p = bytes.indexOf('PK\x03\x04'); p >= 0; p = bytes.indexOf('PK\x03\x04', p + 4), headersSeen++) expect([bytes.readUInt16LE(p + 10), bytes.readUInt16LE(p + 12)]).toEqual([...DOS_EPOCH]);
    expect(headersSeen).toBeGreaterThan(3);
  });

  test.each([
    ['not a zip', new Uint8Array(100).fill(7)],
    ['shorter than an end record', new Uint8Array([0x50, 0x4b, 5, 6])],
    ['an end record pointing past the data', Uint8Array.from([...new Uint8Array(10), 0x50, 0x4b, 5, 6, 0, 0, 0, 0, 1, 0, 1, 0, 46, 0, 0, 0, 0, 0, 0, 0, 0, 0])],
  ])('stampZip leaves %s as it is and says so', (_, bytes) => {
    const before = Uint8Array.from(bytes);
    expect(stampZip(bytes)).toBe(false);
    expect(bytes).toEqual(before);
  });
});

describe('scoredSheet', () => {
  test('an input column named like a result column (Odoo Probability) is styled as input; the last of the name is the result column', () => {
    const [head, row] = scoredSheet(['ID', 'Probability', 'probability'], [['L-1', 60, 0.4]], { mapping: { preset: 'odoo' } }) as unknown as { value: unknown; format?: string; backgroundColor?: string }[][];
    expect(head!.map((c) => c.backgroundColor !== undefined)).toEqual([false, false, true]);
    expect(row![1]).toBe(60);
    expect(row![2]).toMatchObject({ value: 0.4, format: '0%' });
  });
});
