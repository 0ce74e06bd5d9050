import { isUtf8 } from "node:buffer";
import iconv from "iconv-lite";

/**
 * How a file's bytes are text. UTF-8 is the default; a byte-order mark says UTF-16 (Excel's
 * "Unicode text" export). Within UTF-8, a line that is not valid UTF-8 is read as Windows-1252:
 * what Excel on Windows and Salesforce's "ISO-8859-1" report exports write, where "Müller"
 * would otherwise become "M�ller" without anyone noticing.
 */
export type FileEncoding = "utf-8" | "windows-1252" | "utf-16le" | "utf-16be";

/** The encoding a file's first bytes announce, and the length of its byte-order mark. */
export function detectEncoding(first: Buffer): { encoding: FileEncoding; bom: number } {
  if (first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf) return { encoding: "utf-8", bom: 3 };
  if (first[0] === 0xff && first[1] === 0xfe) return { encoding: "utf-16le", bom: 2 };
  if (first[0] === 0xfe && first[1] === 0xff) return { encoding: "utf-16be", bom: 2 };
  return { encoding: "utf-8", bom: 0 };
}

/**
 * What the start of a file without a byte-order mark is: UTF-8, or "windows-1252" when its first
 * lines are not valid UTF-8. Both are read the same way (each line as UTF-8 when it is valid);
 * the name tells the user what was found.
 */
export const byteEncoding = (start: Buffer): FileEncoding =>
  (start.includes(0x0a) ? linesAreUtf8(start) : isUtf8(start)) ? "utf-8" : "windows-1252";

/** Bytes per code unit: offsets in a UTF-16 file move two bytes per character of its text. */
export const unitBytes = (encoding: FileEncoding): number => (encoding.startsWith("utf-16") ? 2 : 1);

/**
 * Every complete line of a chunk (up to its last newline; none: nothing to check) is valid UTF-8:
 * the common case, one check for the chunk rather than one per line.
 */
export const linesAreUtf8 = (buf: Buffer): boolean => isUtf8(buf.subarray(0, buf.lastIndexOf(0x0a) + 1));

/** One line of a UTF-8 file: as UTF-8 when it is valid, else as Windows-1252. */
export function utf8Line(buf: Buffer, start: number, end: number, valid: boolean): string {
  if (valid) return buf.toString("utf8", start, end);
  const bytes = buf.subarray(start, end);
  return isUtf8(bytes) ? buf.toString("utf8", start, end) : iconv.decode(bytes, "win1252");
}

/**
 * The text of whole UTF-16 code units (an even number of bytes): one character of the string
 * per two bytes, always (a byte-order mark stays as U+FEFF), so offsets stay exact.
 */
export const utf16Text = (bytes: Buffer, encoding: "utf-16le" | "utf-16be"): string =>
  (encoding === "utf-16le" ? bytes : Buffer.from(bytes).swap16()).toString("utf16le");
