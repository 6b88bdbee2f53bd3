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
}

export const sourceLabel = (s: Source): string => `${s.file}${s.line !== undefined ? `:${s.line}` : ''}${s.at ? ` ${s.at}` : ''}`;

export const inputErrorText = (e: InputError): string =>
  `${sourceLabel(e.source)}${e.id ? ` (deal ${e.id})` : ''}: ${e.path ? `${e.path}: ` : ''}${e.message}`;
