/**
 * Fixed entry times in a zip archive, so that the same content gives the same bytes: a zip records
 * each entry's modification time (MS-DOS date and time) in its local header and again in the
 * central directory, and zip writers (fflate, under write-excel-file) stamp the time of writing.
 */

/** 1980-01-01 00:00:00, the earliest MS-DOS time: `[time, date]` as zip stores them. */
export const DOS_EPOCH = [0, (0 << 9) | (1 << 5) | 1] as const;

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;

/**
 * Sets every entry's time in a zip archive to `[time, date]` (MS-DOS format), in place, through
 * the central directory and each entry's local header. Returns false, changing nothing, when the
 * bytes are not a plain zip it can walk (no end record, Zip64, a header out of place).
 * @example stampZip(await writeXlsxFile(data).toBuffer()) // true: the same sheet, the same bytes
 */
export function stampZip(bytes: Uint8Array, [time, date]: readonly [number, number] = DOS_EPOCH): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end record: 22 bytes, then a comment of at most 65,535 bytes.
  let end = -1;
  for (let p = bytes.length - 22; p >= Math.max(0, bytes.length - 22 - 0xffff); p--) {
    if (view.getUint32(p, true) === END) {
      end = p;
      break;
    }
  }
  if (end < 0) return false;
  const count = view.getUint16(end + 10, true);
  let p = view.getUint32(end + 16, true);
  if (count === 0xffff || p === 0xffffffff) return false;
  // Every offset first, then the writes: nothing changes unless the whole walk holds.
  const headers: number[] = [];
  for (let i = 0; i < count; i++) {
    if (p + 46 > end || view.getUint32(p, true) !== CENTRAL) return false;
    const local = view.getUint32(p + 42, true);
    if (local + 30 > p || view.getUint32(local, true) !== LOCAL) return false;
    headers.push(p + 12, local + 10);
    p += 46 + view.getUint16(p + 28, true) + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  for (const at of headers) {
    view.setUint16(at, time, true);
    view.setUint16(at + 2, date, true);
  }
  return true;
}
