import { createReadStream } from "node:fs";

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

/**
 * Streams the data rows of a CSV file from a byte offset, chunk by chunk, never holding the
 * file: rows end at a newline outside quotes, so the offset after each row is exact and an
 * import resumes by seeking there. Blank lines are skipped; CRLF and a UTF-8 BOM are accepted.
 */
export async function* readCsvRows(path: string, options: CsvReadOptions = {}): AsyncGenerator<RowChunk> {
  const delimiter = options.delimiter ?? ",";
  let offset = options.start ?? 0;
  let rowNumber = (options.firstRow ?? 1) - 1;
  let left: Buffer | null = null;
  const stream = createReadStream(path, { start: offset, highWaterMark: options.highWaterMark ?? 1 << 20 });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const buf: Buffer = left ? Buffer.concat([left, chunk]) : chunk;
    const out: RowChunk = { rows: [], numbers: [], ends: [] };
    let pos = 0;
    let rowStart = 0;
    let inQuote = false;
    for (;;) {
      const nl = buf.indexOf(LF, pos);
      if (nl < 0) break;
      let q = buf.indexOf(QUOTE, pos);
      while (q >= 0 && q < nl) {
        inQuote = !inQuote;
        q = buf.indexOf(QUOTE, q + 1);
      }
      pos = nl + 1;
      if (inQuote) continue;
      let start = rowStart;
      if (offset === 0 && start === 0 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) start = 3;
      const end = nl > start && buf[nl - 1] === CR ? nl - 1 : nl;
      rowStart = pos;
      if (end === start) continue;
      out.rows.push(splitCsvLine(buf.toString("utf8", start, end), delimiter));
      out.numbers.push(++rowNumber);
      out.ends.push(offset + pos);
    }
    offset += rowStart;
    left = rowStart < buf.length ? buf.subarray(rowStart) : null;
    if (left && left.length > MAX_ROW_BYTES) {
      stream.destroy();
      throw new Error(`row ${rowNumber + 1}: a quoted field is never closed (row longer than 4 MB)`);
    }
    if (out.rows.length > 0) yield out;
  }
  if (left && left.length > 0) {
    const text = left.toString("utf8").replace(/\r$/, "");
    if (text.length > 0) {
      const quotes = text.split('"').length - 1;
      if (quotes % 2 === 1) throw new Error(`row ${rowNumber + 1}: a quoted field is never closed`);
      yield { rows: [splitCsvLine(text, delimiter)], numbers: [rowNumber + 1], ends: [offset + left.length] };
    }
  }
}

/** The header row of a CSV file and the byte offset of the first data row. */
export async function readCsvHeader(
  path: string,
  delimiter?: string,
): Promise<{ columns: string[]; dataStart: number; delimiter: string }> {
  const stream = createReadStream(path, { highWaterMark: 64 * 1024 });
  let buf = Buffer.alloc(0);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      buf = Buffer.concat([buf, chunk]);
      let pos = 0;
      let inQuote = false;
      for (;;) {
        const nl = buf.indexOf(LF, pos);
        if (nl < 0) break;
        for (let i = pos; i < nl; i++) if (buf[i] === QUOTE) inQuote = !inQuote;
        pos = nl + 1;
        if (!inQuote) return header(buf.subarray(0, nl), pos, delimiter);
      }
      if (buf.length > MAX_ROW_BYTES) throw new Error("the header row never ends");
    }
  } finally {
    stream.destroy();
  }
  return header(buf, buf.length, delimiter);
}

function header(bytes: Buffer, dataStart: number, delimiter?: string) {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const line = bytes.toString("utf8", bom).replace(/\r$/, "");
  const d = delimiter ?? detectDelimiter(line);
  return {
    columns: line.length === 0 ? [] : splitCsvLine(line, d).map((c) => c.trim()),
    dataStart,
    delimiter: d,
  };
}
