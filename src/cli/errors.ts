/** User errors: printed as one message, no stack trace, exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Where an input deal came from: file (or `-`), line (JSONL, CSV, JSON), JSON path or CSV row. */
export interface Source {
  file: string;
  line?: number;
  /** `$[3]` inside a JSON array file, `row 4` in a sheet. */
  at?: string;
}

/** An input that could not be read or validated; reported after every other deal. */
export interface InputError {
  source: Source;
  /** The deal id, where the input has a readable one. */
  id?: string;
  /** Field path inside the deal (`$.funding.budget`) or CSV column. */
  path?: string;
  message: string;
  /**
   * Set on an error every row of a table shares (a bad header or mapping): errors with the same key
   * are reported once, counting the other rows in `repeats`.
   */
  once?: string;
  /** How many more rows gave this same error (see `once`). */
  repeats?: number;
}

/**
 * Adds an input error to a list, folding a repeat of a `once` error into the first one's count.
 * @returns whether the error was added as a new entry
 */
export function addOnce(list: InputError[], seen: Map<string, InputError>, error: InputError): boolean {
  if (error.once !== undefined) {
    const first = seen.get(error.once);
    if (first) {
      first.repeats = (first.repeats ?? 0) + 1;
      return false;
    }
    error = { ...error };
    seen.set(error.once!, error);
  }
  list.push(error);
  return true;
}

export const sourceLabel = (s: Source): string => `${s.file}${s.line !== undefined ? `:${s.line}` : ''}${s.at ? ` ${s.at}` : ''}`;

export const inputErrorText = (e: InputError): string =>
  `${sourceLabel(e.source)}${e.id ? ` (deal ${e.id})` : ''}: ${e.path ? `${e.path}: ` : ''}${e.message}${e.repeats ? ` (the same for ${e.repeats} more ${e.repeats === 1 ? 'row' : 'rows'})` : ''}`;
