/** xlsx in and out for the CLI, over src/node/xlsx.ts and the flat-row convention. */
import type { MappingInput } from '../flat/mapping.js';
import { headerTexts, isBlankRow } from '../flat/index.js';
import { readXlsx, writeXlsx } from '../node/xlsx.js';
import type { Writer } from './command.js';
import { UsageError } from './errors.js';

/** A sheet as headers and its non-blank rows with their spreadsheet row numbers. */
export async function readSheet(file: string, sheet: string | undefined): Promise<{ headers: string[]; rows: { n: number; values: unknown[] }[] }> {
  const [head = [], ...rest] = await readXlsx(file, sheet === undefined ? {} : { sheet });
  const rows: { n: number; values: unknown[] }[] = [];
  rest.forEach((values, i) => {
    if (!isBlankRow(values)) rows.push({ n: i + 2, values });
  });
  return { headers: headerTexts(head), rows };
}

/**
 * The xlsx "output stream": collects the xlsx formatter's table (JSON) and writes the workbook at
 * the end, rating cells and probability coloured.
 */
export function xlsxOutput(file: string, options: { mapping?: MappingInput; items?: Iterable<string> } = {}): { writer: Writer; finish(): Promise<void> } {
  const parts: string[] = [];
  return {
    writer: { write: async (text) => void parts.push(text) },
    async finish() {
      const { headers, rows } = JSON.parse(parts.join('')) as { headers: string[]; rows: unknown[][] };
      try {
        await writeXlsx(file, headers, rows, options);
      } catch (error) {
        throw new UsageError(`cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
    },
  };
}
