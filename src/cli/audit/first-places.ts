/**
 * Where each deal id was first seen, for the `duplicate-id` rule: the one memory of a streaming
 * audit that grows with the deal count, so it is kept compact. A `Map<string, Source>` cost some
 * 550 B per id (at 300k bench deals, 379 MiB peak RSS against 216 MiB with duplicate-id off); here an
 * id of n characters costs n bytes (2n when one is beyond U+00FF) and about 20 more:
 * - the ids' code units one after another in one growing byte array: one byte per unit when every
 *   unit of the id is at most U+00FF, else two (little-endian; a bit per entry says which), so any
 *   string is kept exactly, lone surrogates included; entry `i` from `starts[i]` to `starts[i + 1]`;
 * - an open-addressing hash table (`Int32Array`, linear probing, at most half full) of entry
 *   numbers + 1, hashed with FNV-1a over the code units;
 * - each entry's first place as one number (`SourceTable`: a file and a line) in a `Float64Array`,
 *   the rare other sources (a JSON array element, a spreadsheet row) in a side `Map`.
 * Arrays double when full (pages not yet written are not resident). The ids of one run may take
 * up to 4 GiB - 1 bytes (the largest typed array); beyond that `check` throws a RangeError.
 */
import type { Source } from '../errors.js';

/**
 * Sources of the usual kind (a file and a line) as one number: the file's index times 2^31 plus the
 * line (a small integer, no object, for the first file); other sources are kept as they are.
 * @example const t = new SourceTable(); t.source(t.key({ file: 'a.jsonl', line: 3 })) // { file: 'a.jsonl', line: 3 }
 */
export class SourceTable {
  private readonly index = new Map<string, number>();
  private readonly files: string[] = [];
  key(source: Source): number | Source {
    const { file, line } = source;
    if (source.at !== undefined || line === undefined || !Number.isInteger(line) || line < 0 || line >= LINES) return source;
    let f = this.index.get(file);
    if (f === undefined) {
      f = this.files.length;
      this.files.push(file);
      this.index.set(file, f);
    }
    return f * LINES + line;
  }
  source(key: number | Source): Source {
    return typeof key === 'number' ? { file: this.files[Math.floor(key / LINES)]!, line: key % LINES } : key;
  }
}
const LINES = 2 ** 31;

/** A place that is not a number (`SourceTable.key` gave the source itself): kept in `others`. */
const OTHER = -1;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * 32-bit FNV-1a over a string's UTF-16 code units (the hash `FirstPlaces` files an id under).
 * @example hashOf('') // -2128831035 (the offset basis 0x811c9dc5 as a signed 32-bit integer)
 */
export function hashOf(id: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), FNV_PRIME);
  return h | 0;
}

/**
 * Deal ids with the place each was first seen.
 * @example
 * const firsts = new FirstPlaces();
 * firsts.check('D1', { file: 'a.jsonl', line: 1 }) // undefined: first seen here
 * firsts.check('D1', { file: 'b.jsonl', line: 4 }) // { file: 'a.jsonl', line: 1 }
 */
export class FirstPlaces {
  private readonly places = new SourceTable();
  /** The ids' code units, end to end: a byte each, or two for an entry whose `wide` bit is set. */
  private bytes = new Uint8Array(1 << 12);
  /** Entry `i`'s id is `bytes[starts[i]]` to `bytes[starts[i + 1]]` (one more start than entries). */
  private starts = new Uint32Array(1 << 10);
  /** One bit per entry: its units take two bytes. */
  private wide = new Uint8Array(1 << 7);
  private firsts = new Float64Array(1 << 10);
  private readonly others = new Map<number, Source>();
  /** Entry number + 1 per slot; 0 is an empty slot. */
  private slots: Int32Array;
  private count = 0;

  /** @param capacity the number of slots to start with (a power of two; tests use a small one to make it grow) */
  constructor(capacity = 1 << 11) {
    if (capacity < 2 || (capacity & (capacity - 1)) !== 0) throw new RangeError(`capacity must be a power of two ≥ 2, got ${capacity}`);
    this.slots = new Int32Array(capacity);
  }

  /** The number of distinct ids. */
  get size(): number {
    return this.count;
  }

  /** Where `id` was first seen; or, when it is new, undefined, and `source` is kept as its first place. */
  check(id: string, source: Source): Source | undefined {
    let units = 0;
    for (let i = 0; i < id.length; i++) units |= id.charCodeAt(i);
    const wide = units > 0xff;
    const mask = this.slots.length - 1;
    let slot = hashOf(id) & mask;
    for (let entry = this.slots[slot]!; entry !== 0; entry = this.slots[(slot = (slot + 1) & mask)]!)
      if (this.idIs(entry - 1, id, wide)) return this.firstOf(entry - 1);
    this.add(id, wide, source, slot);
    return undefined;
  }

  private isWide(entry: number): boolean {
    return (this.wide[entry >> 3]! & (1 << (entry & 7))) !== 0;
  }

  private idIs(entry: number, id: string, wide: boolean): boolean {
    if (this.isWide(entry) !== wide) return false;
    const start = this.starts[entry]!;
    const bytes = this.bytes;
    if (this.starts[entry + 1]! - start !== (wide ? 2 * id.length : id.length)) return false;
    if (!wide) {
      for (let i = 0; i < id.length; i++) if (bytes[start + i] !== id.charCodeAt(i)) return false;
    } else for (let i = 0, at = start; i < id.length; i++, at += 2) if ((bytes[at]! | (bytes[at + 1]! << 8)) !== id.charCodeAt(i)) return false;
    return true;
  }

  /** `hashOf` the id of an entry, from its kept units (to rehash). */
  private hashAt(entry: number): number {
    const bytes = this.bytes;
    const end = this.starts[entry + 1]!;
    let h = FNV_OFFSET;
    if (!this.isWide(entry)) for (let at = this.starts[entry]!; at < end; at++) h = Math.imul(h ^ bytes[at]!, FNV_PRIME);
    else for (let at = this.starts[entry]!; at < end; at += 2) h = Math.imul(h ^ (bytes[at]! | (bytes[at + 1]! << 8)), FNV_PRIME);
    return h | 0;
  }

  private firstOf(entry: number): Source {
    const key = this.firsts[entry]!;
    return this.places.source(key === OTHER ? this.others.get(entry)! : key);
  }

  private add(id: string, wide: boolean, source: Source, slot: number): void {
    const entry = this.count;
    if (entry + 2 > this.starts.length) {
      this.starts = grown(this.starts, entry + 2);
      this.firsts = grown(this.firsts, entry + 1);
    }
    if ((entry >> 3) >= this.wide.length) this.wide = grown(this.wide, (entry >> 3) + 1);
    const start = this.starts[entry]!;
    const end = start + (wide ? 2 * id.length : id.length);
    if (end > MAX_BYTES) throw new RangeError(`the deal ids of one audit take more than ${MAX_BYTES} bytes`);
    if (end > this.bytes.length) this.bytes = grown(this.bytes, end);
    if (!wide) for (let i = 0; i < id.length; i++) this.bytes[start + i] = id.charCodeAt(i);
    else {
      for (let i = 0, at = start; i < id.length; i++, at += 2) {
        const c = id.charCodeAt(i);
        this.bytes[at] = c & 0xff;
        this.bytes[at + 1] = c >> 8;
      }
      this.wide[entry >> 3] = this.wide[entry >> 3]! | (1 << (entry & 7));
    }
    this.starts[entry + 1] = end;
    const key = this.places.key(source);
    if (typeof key === 'number') this.firsts[entry] = key;
    else {
      this.firsts[entry] = OTHER;
      this.others.set(entry, key);
    }
    this.slots[slot] = entry + 1;
    this.count += 1;
    // At most half full: probes stay short.
    if (this.count * 2 > this.slots.length) this.rehash(this.slots.length * 2);
  }

  private rehash(capacity: number): void {
    const slots = new Int32Array(capacity);
    const mask = capacity - 1;
    for (let entry = 0; entry < this.count; entry++) {
      let slot = this.hashAt(entry) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = entry + 1;
    }
    this.slots = slots;
  }
}

/** A copy of `array` with room for `needed` elements (at most `MAX_BYTES`): double the length, or more, or up to the most. */
function grown<T extends Uint8Array | Uint32Array | Float64Array>(array: T, needed: number): T {
  const bigger = new (array.constructor as new (length: number) => T)(Math.min(Math.max(array.length * 2, needed), MAX_BYTES));
  bigger.set(array);
  return bigger;
}
/** The most bytes of ids: the largest `Uint32Array` value (an id's end), below Node 20's largest typed array (2^32). */
const MAX_BYTES = 2 ** 32 - 1;
