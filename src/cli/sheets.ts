/**
 * xlsx in and out for the CLI, over src/node/xlsx.ts and the flat-row convention. The workbook
 * library loads with the first workbook read or written, not with the CLI.
 */
import type { MappingInput } from '../flat/mapping.js';
import { headerTexts, isBlankRow } from '../flat/index.js';
import type { Writer } from './command.js';
import { UsageError } from './errors.js';

/** A sheet as headers and its non-blank rows with their spreadsheet row numbers. */
export async function readSheet(file: string, sheet: string | undefined): Promise<{ headers: string[]; rows: { n: number; values: unknown[] }[] }> {
  const { readXlsx } = await import('../node/xlsx.js');
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
export function xlsxOutput(file: string, options: { mapping?: MappingInput; items?: Iterable<string> } = {}): { writer: Writer; finish(display?: string): Promise<void> } {
  const parts: string[] = [];
  return {
    writer: { write: async (text) => void parts.push(text) },
    /** Writes the workbook at `file` (the report's temporary file); `display` names it in messages. */
    async finish(display = file) {
      const { headers, rows } = JSON.parse(parts.join('')) as { headers: string[]; rows: unknown[][] };
      const { writeXlsx } = await import('../node/xlsx.js');
      try {
        await writeXlsx(file, headers, rows, options);
      } catch (error) {
        throw new UsageError(`cannot write ${display}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
    },
  };
}
