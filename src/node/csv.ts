/**
 * CSV records (RFC 4180): fields split by one delimiter character; a field in double quotes may
 * hold the delimiter, line breaks and `""` for a quote. A line ends at `\n`, `\r\n` or a lone `\r`;
 * empty lines are skipped. Each character is looked at once (linear time, however the quotes fall),
 * and nothing throws: a record with a quote out of place is one `error` item naming its first line,
 * and reading starts again at the next line, so a malformed record never takes a valid row with it.
 * A quote that is never closed takes in everything to the end of the input (as in any CSV reader):
 * that is one error naming the line where the quote opened and the lines it took in. Memory is
 * bounded: a field longer than `MAX_FIELD_CHARS` is not kept (its record is one error), so a quote
 * left open at the top of a file of any size does not hold the file.
 */
import { MAX_CELL_CHARS } from '../flat/row.js';

/**
 * The longest field the reader keeps: 16,777,216 characters (32 MiB of text in memory). Far above
 * the 32,767 characters a cell may hold (src/flat/row.ts reports those cells by deal and column);
 * only a record with a field beyond this is refused here, without its deal.
 */
export const MAX_FIELD_CHARS = 16 * 1024 * 1024;

/** What is wrong with a record that cannot be read. */
export type CsvFault =
  /** A quote inside an unquoted field (`A"2`). */
  | 'opening-quote'
  /** Characters after the closing quote of a quoted field (`"B"junk`). */
  | 'closing-quote'
  /** A quoted field still open at the end of the input. */
  | 'unclosed-quote'
  /** A field longer than the reader keeps (`MAX_FIELD_CHARS`). */
  | 'too-long';

/** A record read from CSV text, or a record that cannot be read. */
export type CsvItem =
  | {
      kind: 'record';
      values: string[];
      /** The line the record ends on (1-based). */
      line: number;
    }
  | {
      kind: 'error';
      fault: CsvFault;
      /** The record's first line. */
      line: number;
      /** The last line left unread because of the fault (the end of the input for an unclosed quote). */
      lastLine: number;
      /** The faulty field, 0-based. */
      field: number;
      /** Where the unclosed quote opened. */
      quoteLine?: number;
    };

type State =
  /** At the start of a field. */
  | 'start'
  | 'unquoted'
  | 'quoted'
  /** After a quote inside a quoted field: the closing quote, or the first of `""`. */
  | 'after-quote'
  /** In a record with a fault: everything up to the end of the line is passed over. */
  | 'skip';

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/** Reads CSV records from text given in pieces of any size: `read` each piece, then `end`. */
export class CsvReader {
  private state: State = 'start';
  private field = '';
  private values: string[] = [];
  private line = 1;
  /** The line of the last character read. */
  private lastSeen = 0;
  private recordLine = 1;
  private quoteLine = 1;
  private fault: { fault: CsvFault; field: number } | undefined;
  /** The last character read was `\r` (a line end already): a `\n` right after it is the same line end. */
  private cr = false;
  private readonly delimiter: number;
  private readonly maxField: number;
  /** The next delimiter, quote or line end (an unquoted run) / quote or line end (a quoted run) / line end. */
  private readonly unquotedStop: RegExp;
  private readonly quotedStop = /["\r\n]/g;
  private readonly lineEnd = /[\r\n]/g;

  /**
   * @param delimiter one character: `,` `;` or tab.
   * @param maxField the longest field kept (`MAX_FIELD_CHARS`; smaller in tests).
   */
  constructor(delimiter: string, maxField = MAX_FIELD_CHARS) {
    this.delimiter = delimiter.charCodeAt(0);
    this.maxField = maxField;
    this.unquotedStop = new RegExp(`["\\r\\n${delimiter.replace(/[\\\]^-]/g, '\\$&')}]`, 'g');
  }

  /** The records (and faulty records) completed by this piece of text. */
  read(text: string): CsvItem[] {
    const out: CsvItem[] = [];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === LF && this.cr) {
        this.cr = false;
        if (this.state === 'quoted') this.append('\n');
        continue;
      }
      this.cr = c === CR;
      const eol = c === CR || c === LF;
      this.lastSeen = this.line;
      switch (this.state) {
        case 'start':
          if (c === QUOTE) {
            this.state = 'quoted';
            this.quoteLine = this.line;
          } else if (c === this.delimiter) this.values.push('');
          else if (eol) {
            if (this.values.length > 0) this.values.push('');
            this.endRecord(out);
          } else {
            this.state = 'unquoted';
            i = this.run(text, i, this.unquotedStop);
          }
          break;
        case 'unquoted':
          if (c === this.delimiter) this.endField();
          else if (eol) {
            this.endField();
            this.endRecord(out);
          } else if (c === QUOTE) this.startSkip('opening-quote');
          else i = this.run(text, i, this.unquotedStop);
          break;
        case 'quoted':
          if (c === QUOTE) this.state = 'after-quote';
          else if (eol) {
            this.append(text[i]!);
            this.line += 1;
          } else i = this.run(text, i, this.quotedStop);
          break;
        case 'after-quote':
          if (c === QUOTE) {
            this.append('"');
            this.state = 'quoted';
          } else if (c === this.delimiter) this.endField();
          else if (eol) {
            this.endField();
            this.endRecord(out);
          } else this.startSkip('closing-quote');
          break;
        case 'skip':
          if (eol) this.endRecord(out);
          else {
            this.lineEnd.lastIndex = i;
            const found = this.lineEnd.exec(text);
            i = (found ? found.index : text.length) - 1;
          }
          break;
      }
    }
    return out;
  }

  /** The last record, when the text does not end with a line end, or the fault of an unclosed quote. */
  end(): CsvItem[] {
    const out: CsvItem[] = [];
    if (this.state === 'quoted') {
      // An open quote is what went wrong, even in a field too long to keep.
      this.fault = { fault: 'unclosed-quote', field: this.values.length };
      this.state = 'skip';
    }
    if (this.state === 'unquoted' || this.state === 'after-quote') this.endField();
    else if (this.state === 'start' && this.values.length > 0) this.values.push('');
    if (this.state === 'skip' || this.values.length > 0) {
      this.line = this.lastSeen;
      this.endRecord(out);
    }
    return out;
  }

  /** Appends the characters from `i` up to the next `stop` to the field; the index of the last one. */
  private run(text: string, i: number, stop: RegExp): number {
    stop.lastIndex = i;
    const found = stop.exec(text);
    const j = found ? found.index : text.length;
    this.append(text.slice(i, j));
    return j - 1;
  }

  /**
   * Adds to the field, while it is within `maxField`. Past it the record is a fault: an unquoted
   * field ends at its line, so the rest of the line is passed over; a quoted one is still read to its
   * closing quote (it may hold line ends), keeping nothing.
   */
  private append(text: string): void {
    if (this.fault) return;
    if (this.field.length + text.length <= this.maxField) {
      this.field += text;
      return;
    }
    this.field = '';
    this.fault = { fault: 'too-long', field: this.values.length };
    if (this.state === 'unquoted') this.state = 'skip';
  }

  private endField(): void {
    this.values.push(this.field);
    this.field = '';
    this.state = 'start';
  }

  private startSkip(fault: CsvFault): void {
    this.fault = { fault, field: this.values.length };
    this.state = 'skip';
  }

  /** Ends the record (or faulty record) at a line end; an empty line gives nothing. */
  private endRecord(out: CsvItem[]): void {
    if (this.fault) {
      const quote = this.fault.fault === 'unclosed-quote' ? { quoteLine: this.quoteLine } : {};
      out.push({ kind: 'error', ...this.fault, line: this.recordLine, lastLine: this.line, ...quote });
    } else if (this.values.length > 0) out.push({ kind: 'record', values: this.values, line: this.line });
    this.fault = undefined;
    this.values = [];
    this.field = '';
    this.state = 'start';
    this.line += 1;
    this.recordLine = this.line;
  }
}

/** The records of CSV text given in pieces (decoded text chunks), in order. */
export async function* csvRecords(chunks: AsyncIterable<string>, delimiter: string): AsyncGenerator<CsvItem> {
  const reader = new CsvReader(delimiter);
  for await (const text of chunks) yield* reader.read(text);
  yield* reader.end();
}

/**
 * The words for a record that cannot be read: what is wrong, which field (`column`: its header,
 * when known) and what was expected, and which lines are left unread when there are more than one.
 */
export function csvFaultMessage(item: Extract<CsvItem, { kind: 'error' }>, delimiter: string, column?: string): string {
  const field = `field ${item.field + 1}${column === undefined ? '' : ` (${JSON.stringify(column)})`}`;
  const lines = item.lastLine > item.line ? `; lines ${item.line}-${item.lastLine} are not read` : '';
  switch (item.fault) {
    case 'opening-quote':
      return `Invalid Opening Quote: a quote inside unquoted ${field}; a field that holds a quote must be quoted whole, with each quote inside doubled ("")${lines}`;
    case 'closing-quote':
      return `Invalid Closing Quote: characters after the closing quote of ${field}; expected the delimiter ${JSON.stringify(delimiter)} or the end of the line${lines}`;
    case 'unclosed-quote':
      return `Quote Not Closed: the quote opening ${field} on line ${item.quoteLine ?? item.line} is never closed, so it takes in the rest of the input${lines}`;
    case 'too-long':
      return `Field Too Long: ${field} holds more than ${MAX_FIELD_CHARS.toLocaleString('en')} characters, more than the reader keeps (a cell holds at most ${MAX_CELL_CHARS.toLocaleString('en')}, Excel's limit)${lines}`;
  }
}
