/**
 * Decompression bombs in .xlsx input (issue 11): a workbook is a zip, so a file of a few hundred
 * KB can unpack to gigabytes (a shared-string table of millions of strings, a sheet of millions of
 * cells, one enormous string). The reader must refuse such a file with an input error naming it,
 * before any XML parser holds it, and an audit must go on with the other inputs.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Zip, ZipDeflate, ZipPassThrough, strToU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { XLSX_LIMITS, XlsxError, inspectXlsx, readXlsx } from '../../src/node/xlsx.js';
import { AS_OF, cli, ensureBuilt } from '../cli/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'dealqual-xlsx-bomb-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Deals" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`;
const SHEET_TAIL = `</sheetData></worksheet>`;
const TWO_DEALS = `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>D-1</t></is></c><c r="B2" t="inlineStr"><is><t>C</t></is></c></row>`;
const STRINGS_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>id</t></si><si><t>s1.1</t></si>`;

/** A part of the archive: its text, or a text repeated `times` times between a head and a tail (deflated as it is produced). */
type Part = string | { head: string; repeat: string; times: number; tail: string };

/** Writes a workbook whose parts are streamed into the zip, so a bomb is built without holding it. */
function workbook(name: string, parts: { sheet: Part; strings: Part }): string {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    chunks.push(chunk);
  });
  const add = (path: string, part: Part, stored = false) => {
    const entry = stored ? new ZipPassThrough(path) : new ZipDeflate(path, { level: 9 });
    zip.add(entry);
    if (typeof part === 'string') return entry.push(strToU8(part), true);
    entry.push(strToU8(part.head));
    const block = strToU8(part.repeat.repeat(Math.min(part.times, 65536)));
    let left = part.times;
    while (left >= 65536) {
      entry.push(block);
      left -= 65536;
    }
    entry.push(strToU8(part.repeat.repeat(left)));
    entry.push(strToU8(part.tail), true);
  };
  add('[Content_Types].xml', CONTENT_TYPES);
  add('_rels/.rels', RELS);
  add('xl/workbook.xml', WORKBOOK);
  add('xl/_rels/workbook.xml.rels', WORKBOOK_RELS);
  add('xl/worksheets/sheet1.xml', parts.sheet);
  add('xl/sharedStrings.xml', parts.strings);
  zip.end();
  const file = join(dir, name);
  writeFileSync(file, Buffer.concat(chunks));
  return file;
}

const plainSheet = SHEET_HEAD + TWO_DEALS + SHEET_TAIL;
const plainStrings = `${STRINGS_HEAD}</sst>`;
let files: { ok: string; strings: string; cells: string; bytes: string };

beforeAll(() => {
  files = {
    ok: workbook('ok.xlsx', { sheet: plainSheet, strings: plainStrings }),
    // 3 million shared strings of one letter: 51 MB of XML in a file of about 60 KB
    strings: workbook('strings-bomb.xlsx', { sheet: plainSheet, strings: { head: STRINGS_HEAD, repeat: '<si><t>x</t></si>', times: 3_000_000, tail: '</sst>' } }),
    // 1.2 million empty cells on one row
    cells: workbook('cells-bomb.xlsx', { sheet: { head: SHEET_HEAD + TWO_DEALS + '<row r="3">', repeat: '<c/>', times: 1_200_000, tail: '</row>' + SHEET_TAIL }, strings: plainStrings }),
    // one shared string of 80 million letters
    bytes: workbook('bytes-bomb.xlsx', { sheet: plainSheet, strings: { head: STRINGS_HEAD + '<si><t>', repeat: 'a', times: 80_000_000, tail: '</t></si></sst>' } }),
  };
});

describe('an xlsx that unpacks past the limits is refused before it is parsed', () => {
  test('the bombs are small files (what makes them bombs)', () => {
    for (const file of [files.strings, files.cells, files.bytes]) expect(statSync(file).size).toBeLessThan(1_000_000);
  });

  test('a workbook within the limits reads as usual', async () => {
    expect(await readXlsx(files.ok)).toEqual([
      ['id', 's1.1'],
      ['D-1', 'C'],
    ]);
  });

  test.each([
    ['strings', /strings-bomb\.xlsx: the workbook is too large to read: more than 1,000,000 shared strings\. Export the sheet as CSV/],
    ['cells', /cells-bomb\.xlsx: the workbook is too large to read: more than 1,000,000 cells\. Export the sheet as CSV/],
    ['bytes', /bytes-bomb\.xlsx: the workbook is too large to read: it unpacks to more than 67,108,864 bytes\. Export the sheet as CSV/],
  ] as const)('%s bomb: an XlsxError naming the file and the limit', async (kind, message) => {
    const error = await readXlsx(files[kind]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(XlsxError);
    expect((error as Error).message).toMatch(message);
  });

  test('the limits are options: lower ones refuse a workbook the defaults accept', async () => {
    await expect(readXlsx(files.ok, { maxCells: 3 })).rejects.toThrow(/ok\.xlsx: the workbook is too large to read: more than 3 cells/);
    await expect(readXlsx(files.ok, { maxBytes: 1000 })).rejects.toThrow(/ok\.xlsx: the workbook is too large to read: (it unpacks to more than 1,000 bytes|[\d,]+ bytes on disk)/);
    expect(XLSX_LIMITS).toEqual({ maxBytes: 64 * 1024 * 1024, maxCells: 1_000_000 });
  });

  test('inspectXlsx counts what a workbook unpacks to; a non-zip is left to the reader', () => {
    expect(inspectXlsx(readFileSync(files.ok), 'ok.xlsx')).toMatchObject({ cells: 4, sharedStrings: 2 });
    expect(inspectXlsx(strToU8('id,s1.1\nD-1,C\n'), 'deals.csv')).toEqual({ bytes: 0, cells: 0, sharedStrings: 0 });
  });
});

describe('the CLI', () => {
  beforeAll(() => ensureBuilt());

  test('audit: the bomb is an input error (exit 2, the file named, no stack trace); the other input is still audited', () => {
    const deal = join(dir, 'deal.json');
    writeFileSync(deal, JSON.stringify({ id: 'D-OK', answers: { 's1.1': 'C' } }));
    const run = cli(['audit', files.strings, deal, '--as-of', AS_OF, '-f', 'json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/strings-bomb\.xlsx.*too large to read: more than 1,000,000 shared strings/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect((JSON.parse(run.stdout) as { id: string }[]).map((r) => r.id)).toEqual(['D-OK']);
  });
});
