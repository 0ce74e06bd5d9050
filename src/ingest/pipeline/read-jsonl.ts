import { createReadStream } from "node:fs";
import { linesAreUtf8, utf8Line } from "./text-encoding.ts";

const LF = 0x0a;

export interface JsonChunk {
  rows: Array<Record<string, unknown> | { __error: string }>;
  numbers: number[];
  ends: number[];
}

/**
 * Streams a JSON-lines file from a byte offset: one JSON object per line, blank lines skipped,
 * a line that is not valid UTF-8 read as Windows-1252 (see text-encoding.ts).
 * A line that is not a JSON object becomes an error value, so the import rejects that row and
 * goes on.
 */
export async function* readJsonLines(
  path: string,
  options: { start?: number; firstRow?: number } = {},
): AsyncGenerator<JsonChunk> {
  let offset = options.start ?? 0;
  let rowNumber = (options.firstRow ?? 1) - 1;
  let left: Buffer | null = null;
  const parseLine = (text: string): Record<string, unknown> | { __error: string } => {
    try {
      const value = JSON.parse(text);
      return value && typeof value === "object" && !Array.isArray(value)
        ? value
        : { __error: "the line is not a JSON object" };
    } catch (error) {
      return { __error: `the line is not valid JSON (${(error as Error).message})` };
    }
  };
  for await (const chunk of createReadStream(path, {
    start: offset,
    highWaterMark: 1 << 20,
  }) as AsyncIterable<Buffer>) {
    const buf: Buffer = left ? Buffer.concat([left, chunk]) : chunk;
    const out: JsonChunk = { rows: [], numbers: [], ends: [] };
    let start = 0;
    const valid = linesAreUtf8(buf);
    for (;;) {
      const nl = buf.indexOf(LF, start);
      if (nl < 0) break;
      const text = utf8Line(buf, start, nl, valid).trim();
      start = nl + 1;
      if (text.length === 0) continue;
      out.rows.push(parseLine(text));
      out.numbers.push(++rowNumber);
      out.ends.push(offset + start);
    }
    offset += start;
    left = start < buf.length ? buf.subarray(start) : null;
    if (out.rows.length > 0) yield out;
  }
  const text = left && utf8Line(left, 0, left.length, false).trim();
  if (left && text) yield { rows: [parseLine(text)], numbers: [rowNumber + 1], ends: [offset + left.length] };
}
