/** The header and first rows of a CSV file, read in the browser before anything is sent. */
export interface CsvPreview {
  columns: string[];
  rows: string[][];
}

/** Comma, semicolon or tab: whichever the header line uses most outside quotes (as the server does). */
export function detectDelimiter(headerLine: string): string {
  const unquoted = headerLine.replace(/"[^"]*"/g, "");
  let best = ",";
  let most = 0;
  for (const d of [",", ";", "\t"]) {
    const n = unquoted.split(d).length - 1;
    if (n > most) {
      best = d;
      most = n;
    }
  }
  return best;
}

/**
 * Parses the start of a CSV text (RFC 4180 quotes, CRLF, a BOM) into its header and up to
 * `maxRows` rows; a row cut off at the end of the text is dropped. As on the server, only a
 * quote that opens a field quotes it (`Monitor 27" wide` keeps its inch mark).
 */
export function parseCsvPreview(text: string, maxRows = 5): CsvPreview {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstLine = body.slice(0, body.search(/\r?\n|$/));
  const delimiter = detectDelimiter(firstLine);
  const records: string[][] = [];
  let fields: string[] = [];
  let value = "";
  let quoted = false;
  let i = 0;
  for (; i < body.length && records.length <= maxRows; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        value += '"';
        i++;
      } else if (c === '"') quoted = false;
      else value += c;
    } else if (c === '"' && (i === 0 || [delimiter, "\n", "\r"].includes(body[i - 1]))) quoted = true;
    else if (c === delimiter) {
      fields.push(value);
      value = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && body[i + 1] === "\n") i++;
      fields.push(value);
      if (fields.length > 1 || fields[0] !== "") records.push(fields);
      fields = [];
      value = "";
    } else value += c;
  }
  // The text ended without a newline: the last record is whole only if the text is the whole file.
  if (i >= body.length && !quoted && (value !== "" || fields.length > 0)) records.push([...fields, value]);
  const [header = [], ...rows] = records;
  return { columns: header.map((c) => c.trim()), rows: rows.slice(0, maxRows) };
}

/**
 * The text of a file's first bytes, read as the server reads the file: UTF-16 when a byte-order
 * mark says so, else UTF-8, or Windows-1252 when the bytes are not valid UTF-8 (Excel on Windows).
 * Without the whole file, UTF-8 is checked up to the last newline (a character may be cut after it).
 */
export function decodeHead(bytes: Uint8Array, whole: boolean): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  const lines = whole ? bytes : bytes.subarray(0, bytes.lastIndexOf(0x0a) + 1);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(lines);
  } catch {
    return new TextDecoder("windows-1252").decode(lines);
  }
}

export const WORKBOOK =
  "This is a spreadsheet workbook (Excel or similar), not CSV or JSON lines: save or export it as CSV (UTF-8) and choose that file.";

/** An .xlsx/.ods (a ZIP archive) or an .xls (an OLE compound file): as the server refuses them. */
export const isWorkbook = (bytes: Uint8Array): boolean =>
  (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) ||
  (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0);

/** Reads the first 64 KB of a file and previews it; a JSON-lines file shows its first objects' keys. */
export async function previewFile(file: File, maxRows = 5): Promise<CsvPreview> {
  const head = file.slice(0, 64 * 1024);
  const whole = file.size <= 64 * 1024;
  const bytes = new Uint8Array(await head.arrayBuffer());
  if (isWorkbook(bytes)) throw new Error(WORKBOOK);
  let text = decodeHead(bytes, whole);
  if (/\.(jsonl|ndjson|json)$/i.test(file.name)) {
    const objects = text
      .split("\n")
      .slice(0, whole ? undefined : -1)
      .filter((l) => l.trim() !== "")
      .slice(0, maxRows)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const columns = [...new Set(objects.flatMap((o) => Object.keys(o)))];
    return {
      columns,
      rows: objects.map((o) => columns.map((c) => (o[c] === undefined ? "" : String(o[c])))),
    };
  }
  if (!whole) text = text.slice(0, text.lastIndexOf("\n") + 1);
  return parseCsvPreview(text, maxRows);
}
