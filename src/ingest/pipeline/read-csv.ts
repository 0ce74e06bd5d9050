import { createReadStream } from "node:fs";
import {
  allUtf8,
  byteEncoding,
  detectEncoding,
  type FileEncoding,
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
  find(code: number, from: number): number;
  at(index: number): number;
  text(start: number, end: number): string;
}

function utf8Units(buf: Buffer): Units {
  // One check of every complete line at once; only a chunk with an invalid byte is decoded line by line.
  const lastLine = buf.lastIndexOf(LF);
  const valid = lastLine < 0 || allUtf8(buf, lastLine + 1);
  return {
    find: (code, from) => buf.indexOf(code, from),
    at: (index) => buf[index],
    text: (start, end) => utf8Line(buf, start, end, valid),
  };
}

function utf16Units(buf: Buffer, encoding: "utf-16le" | "utf-16be"): Units {
  const text = utf16Text(buf.subarray(0, buf.length - (buf.length % 2)), encoding);
  return {
    find: (code, from) => text.indexOf(code === LF ? "\n" : '"', from),
    at: (index) => text.charCodeAt(index),
    text: (start, end) => text.slice(start, end),
  };
}

const unitsOf = (buf: Buffer, encoding: FileEncoding): Units =>
  encoding === "utf-16le" || encoding === "utf-16be" ? utf16Units(buf, encoding) : utf8Units(buf);

/**
 * Finds the complete rows of a chunk from unit `from` on: a row ends at a newline outside
 * quotes (CR before it dropped, blank rows skipped). Calls `row` with each row's text and the
 * unit after it, until it returns false; returns the unit after the last row ended.
 */
function scanRows(
  units: Units,
  from: number,
  row: (text: string, end: number) => boolean | undefined,
): number {
  let pos = from;
  let rowStart = from;
  let inQuote = false;
  for (;;) {
    const nl = units.find(LF, pos);
    if (nl < 0) break;
    let q = units.find(QUOTE, pos);
    while (q >= 0 && q < nl) {
      inQuote = !inQuote;
      q = units.find(QUOTE, q + 1);
    }
    pos = nl + 1;
    if (inQuote) continue;
    const start = rowStart;
    const end = nl > start && units.at(nl - 1) === CR ? nl - 1 : nl;
    rowStart = pos;
    if (end > start && row(units.text(start, end), pos) === false) break;
  }
  return rowStart;
}

/**
 * Streams the data rows of a CSV file from a byte offset, chunk by chunk, never holding the
 * file: rows end at a newline outside quotes, so the offset after each row is exact and an
 * import resumes by seeking there. Blank lines are skipped; CRLF, a byte-order mark, UTF-16 and
 * lines in Windows-1252 are accepted (see text-encoding.ts).
 */
export async function* readCsvRows(path: string, options: CsvReadOptions = {}): AsyncGenerator<RowChunk> {
  const delimiter = options.delimiter ?? ",";
  let offset = options.start ?? 0;
  let encoding = options.encoding ?? "utf-8";
  let rowNumber = (options.firstRow ?? 1) - 1;
  let left: Buffer | null = null;
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
    const unit = unitBytes(encoding);
    const out: RowChunk = { rows: [], numbers: [], ends: [] };
    const consumed =
      unit *
      scanRows(unitsOf(buf, encoding), 0, (text, end) => {
        out.rows.push(splitCsvLine(text, delimiter));
        out.numbers.push(++rowNumber);
        out.ends.push(offset + end * unit);
        return true;
      });
    offset += consumed;
    left = consumed < buf.length ? buf.subarray(consumed) : null;
    if (left && left.length > MAX_ROW_BYTES) {
      stream.destroy();
      throw new Error(`row ${rowNumber + 1}: a quoted field is never closed (row longer than 4 MB)`);
    }
    if (out.rows.length > 0) yield out;
  }
  if (left && left.length > 0) {
    const units = unitsOf(left, encoding);
    const text = units.text(0, Math.floor(left.length / unitBytes(encoding))).replace(/\r$/, "");
    if (text.length > 0) {
      const quotes = text.split('"').length - 1;
      if (quotes % 2 === 1) throw new Error(`row ${rowNumber + 1}: a quoted field is never closed`);
      yield { rows: [splitCsvLine(text, delimiter)], numbers: [rowNumber + 1], ends: [offset + left.length] };
    }
  }
}

/** The header row of a CSV file, its encoding, and the byte offset of the first data row. */
export async function readCsvHeader(
  path: string,
  delimiter?: string,
): Promise<{ columns: string[]; dataStart: number; delimiter: string; encoding: FileEncoding }> {
  const stream = createReadStream(path, { highWaterMark: 64 * 1024 });
  let buf = Buffer.alloc(0);
  let line: string | null = null;
  let dataStart = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      buf = Buffer.concat([buf, chunk]);
      const { encoding, bom } = detectEncoding(buf);
      const unit = unitBytes(encoding);
      scanRows(unitsOf(buf, encoding), bom / unit, (text, end) => {
        line = text;
        dataStart = end * unit;
        return false;
      });
      if (line !== null) return header(line, dataStart, bom ? encoding : byteEncoding(buf), delimiter);
      if (buf.length > MAX_ROW_BYTES) throw new Error("the header row never ends");
    }
  } finally {
    stream.destroy();
  }
  const { encoding, bom } = detectEncoding(buf);
  const units = unitsOf(buf, encoding);
  const text = units.text(bom / unitBytes(encoding), Math.floor(buf.length / unitBytes(encoding)));
  return header(text.replace(/\r$/, ""), buf.length, bom ? encoding : byteEncoding(buf), delimiter);
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
