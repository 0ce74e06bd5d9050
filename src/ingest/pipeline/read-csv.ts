import { createReadStream } from "node:fs";
import {
  byteEncoding,
  detectEncoding,
  type FileEncoding,
  linesAreUtf8,
  unitBytes,
  utf8Line,
  utf16Text,
} from "./text-encoding.ts";

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
/** A row longer than this is an unterminated quote, not data. */
const MAX_ROW_BYTES = 4 * 1024 * 1024;

/** Rows read from one chunk of the file: each with its data-row number and the byte offset after it. */
export interface RowChunk {
  rows: string[][];
  numbers: number[];
  ends: number[];
}

export interface CsvReadOptions {
  /** Byte offset to start at (a checkpoint; the header is read separately). */
  start?: number;
  /** Number of the first data row read (1 after the header). */
  firstRow?: number;
  delimiter?: string;
  highWaterMark?: number;
  /** The file's encoding (readCsvHeader tells); by default what its first bytes say when reading from the start, else UTF-8. */
  encoding?: FileEncoding;
}

/** Splits one CSV record (RFC 4180: quoted fields, doubled quotes) into its fields. */
export function splitCsvLine(line: string, delimiter = ","): string[] {
  const fields: string[] = [];
  const n = line.length;
  let i = 0;
  for (;;) {
    if (line.charCodeAt(i) === QUOTE) {
      let value = "";
      let j = i + 1;
      for (;;) {
        const q = line.indexOf('"', j);
        if (q < 0) {
          value += line.slice(j);
          i = n;
          break;
        }
        value += line.slice(j, q);
        if (line.charCodeAt(q + 1) === QUOTE) {
          value += '"';
          j = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      // Anything between the closing quote and the delimiter is kept, as csv-parse's relax mode does.
      const next = line.indexOf(delimiter, i);
      if (next < 0) {
        fields.push(value + line.slice(i));
        return fields;
      }
      fields.push(value + line.slice(i, next));
      i = next + delimiter.length;
    } else {
      const next = line.indexOf(delimiter, i);
      if (next < 0) {
        fields.push(line.slice(i));
        return fields;
      }
      fields.push(line.slice(i, next));
      i = next + delimiter.length;
    }
    if (i === n) {
      fields.push("");
      return fields;
    }
  }
}

/** Comma, semicolon or tab: whichever the header line uses most outside quotes. */
export function detectDelimiter(headerLine: string): string {
  const unquoted = headerLine.replace(/"[^"]*"/g, "");
  const counts: Array<[string, number]> = [",", ";", "\t"].map((d) => [d, unquoted.split(d).length - 1]);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0][1] > 0 ? counts[0][0] : ",";
}

/** A chunk of the file as the row scanner sees it: UTF-8 bytes, or the text of UTF-16 units. */
interface Units {
  length: number;
  find(code: number, from: number): number;
  at(index: number): number;
  text(start: number, end: number): string;
}

function utf8Units(buf: Buffer): Units {
  // Only a chunk with an invalid byte is decoded line by line.
  const valid = linesAreUtf8(buf);
  return {
    length: buf.length,
    find: (code, from) => buf.indexOf(code, from),
    at: (index) => buf[index],
    text: (start, end) => utf8Line(buf, start, end, valid),
  };
}

function utf16Units(buf: Buffer, encoding: "utf-16le" | "utf-16be"): Units {
  const text = utf16Text(buf.subarray(0, buf.length - (buf.length % 2)), encoding);
  return {
    length: text.length,
    find: (code, from) => text.indexOf(code === LF ? "\n" : '"', from),
    at: (index) => text.charCodeAt(index),
    text: (start, end) => text.slice(start, end),
  };
}

const unitsOf = (buf: Buffer, encoding: FileEncoding): Units =>
  encoding === "utf-16le" || encoding === "utf-16be" ? utf16Units(buf, encoding) : utf8Units(buf);

/** The header's delimiter is not known yet: a quote after any of them opens a quoted field. */
const ANY_DELIMITER = new Set([",", ";", "\t"].map((d) => d.charCodeAt(0)));

/**
 * Finds the complete rows of a chunk from unit `from` on. A row ends at a newline outside a
 * quoted field; a field is quoted when a quote opens it (at the row's start or just after a
 * delimiter) and ends at the next single quote (`""` is a quote inside it). A quote anywhere
 * else is a character (`Monitor 27" wide`), as splitCsvLine reads it: one stray quote must not
 * swallow the rest of the file. CR before the newline is dropped, blank rows skipped. At the
 * end of the file (`eof`), the last row needs no newline. Calls `row` with each row's text and
 * the unit after it, until it returns false; returns the unit after the last row ended, and
 * whether the data ended inside a quoted field.
 */
function scanRows(
  units: Units,
  from: number,
  delimiters: ReadonlySet<number>,
  eof: boolean,
  row: (text: string, end: number) => boolean | undefined,
): { end: number; unclosed: boolean } {
  const emit = (start: number, nl: number, next: number) => {
    const end = nl > start && units.at(nl - 1) === CR ? nl - 1 : nl;
    return end > start ? row(units.text(start, end), next) !== false : true;
  };
  let pos = from;
  let rowStart = from;
  let nl = -2; // the next newline at or after pos (-1: none in the chunk; -2: not looked for yet)
  for (;;) {
    if (nl === -2 || (nl >= 0 && nl < pos)) nl = units.find(LF, pos);
    const q = units.find(QUOTE, pos);
    if (q >= 0 && (nl < 0 || q < nl)) {
      if (q === rowStart || delimiters.has(units.at(q - 1))) {
        let close = units.find(QUOTE, q + 1);
        while (close >= 0 && close + 1 < units.length && units.at(close + 1) === QUOTE)
          close = units.find(QUOTE, close + 2);
        // Unclosed here, or closed by the chunk's last unit (the next may be a second quote).
        if (close < 0 || (close + 1 >= units.length && !eof)) return { end: rowStart, unclosed: close < 0 };
        pos = close + 1;
      } else pos = q + 1;
      continue;
    }
    if (nl < 0) break;
    const more = emit(rowStart, nl, nl + 1);
    pos = rowStart = nl + 1;
    if (!more) return { end: rowStart, unclosed: false };
  }
  if (eof && rowStart < units.length) {
    emit(rowStart, units.length, units.length);
    rowStart = units.length;
  }
  return { end: rowStart, unclosed: false };
}

/**
 * Streams the data rows of a CSV file from a byte offset, chunk by chunk, never holding the
 * file: rows end at a newline outside quotes, so the offset after each row is exact and an
 * import resumes by seeking there. Blank lines are skipped; CRLF, a byte-order mark, UTF-16 and
 * lines in Windows-1252 are accepted (see text-encoding.ts).
 */
export async function* readCsvRows(path: string, options: CsvReadOptions = {}): AsyncGenerator<RowChunk> {
  const delimiter = options.delimiter ?? ",";
  const delimiters = new Set([delimiter.charCodeAt(0)]);
  let offset = options.start ?? 0;
  let encoding = options.encoding ?? "utf-8";
  let rowNumber = (options.firstRow ?? 1) - 1;
  let left: Buffer | null = null;
  const rowsOf = (buf: Buffer, eof: boolean) => {
    const unit = unitBytes(encoding);
    const out: RowChunk = { rows: [], numbers: [], ends: [] };
    const start = offset;
    const scan = scanRows(unitsOf(buf, encoding), 0, delimiters, eof, (text, end) => {
      out.rows.push(splitCsvLine(text, delimiter));
      out.numbers.push(++rowNumber);
      out.ends.push(start + end * unit);
      return true;
    });
    return { out, consumed: scan.end * unit, unclosed: scan.unclosed };
  };
  const stream = createReadStream(path, { start: offset, highWaterMark: options.highWaterMark ?? 1 << 20 });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let buf: Buffer = left ? Buffer.concat([left, chunk]) : chunk;
    if (offset === 0 && left === null) {
      const found = detectEncoding(buf);
      if (!options.encoding) encoding = found.encoding;
      if (found.encoding === encoding) {
        buf = buf.subarray(found.bom);
        offset = found.bom;
      }
    }
    const { out, consumed } = rowsOf(buf, false);
    offset += consumed;
    left = consumed < buf.length ? buf.subarray(consumed) : null;
    if (left && left.length > MAX_ROW_BYTES) {
      stream.destroy();
      throw new Error(`row ${rowNumber + 1}: a quoted field is never closed (row longer than 4 MB)`);
    }
    if (out.rows.length > 0) yield out;
  }
  if (left && left.length > 0) {
    const { out, unclosed } = rowsOf(left, true);
    if (unclosed) throw new Error(`row ${rowNumber + 1}: a quoted field is never closed`);
    if (out.rows.length > 0) yield out;
  }
}

/** The header row of a CSV file, its encoding, and the byte offset of the first data row. */
export async function readCsvHeader(
  path: string,
  delimiter?: string,
): Promise<{ columns: string[]; dataStart: number; delimiter: string; encoding: FileEncoding }> {
  const delimiters = delimiter ? new Set([delimiter.charCodeAt(0)]) : ANY_DELIMITER;
  const stream = createReadStream(path, { highWaterMark: 64 * 1024 });
  let buf = Buffer.alloc(0);
  let line: string | null = null;
  let dataStart = 0;
  const scan = (eof: boolean) => {
    const { encoding, bom } = detectEncoding(buf);
    const unit = unitBytes(encoding);
    scanRows(unitsOf(buf, encoding), bom / unit, delimiters, eof, (text, end) => {
      line = text;
      dataStart = end * unit;
      return false;
    });
    return bom ? encoding : byteEncoding(buf);
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      buf = Buffer.concat([buf, chunk]);
      const encoding = scan(false);
      if (line !== null) return header(line, dataStart, encoding, delimiter);
      if (buf.length > MAX_ROW_BYTES) throw new Error("the header row never ends");
    }
  } finally {
    stream.destroy();
  }
  const encoding = scan(true);
  return header(line ?? "", line === null ? buf.length : dataStart, encoding, delimiter);
}

function header(line: string, dataStart: number, encoding: FileEncoding, delimiter?: string) {
  const d = delimiter ?? detectDelimiter(line);
  return {
    columns: line.trim().length === 0 ? [] : splitCsvLine(line, d).map((c) => c.trim()),
    dataStart,
    delimiter: d,
    encoding,
  };
}
