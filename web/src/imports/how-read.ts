import type { DateOrder } from "./imports-api.ts";

const DELIMITERS: Record<string, string> = { ",": "comma", ";": "semicolon", "\t": "tab" };
const ENCODINGS: Record<string, string> = {
  "utf-8": "UTF-8",
  "windows-1252": "Windows-1252",
  "utf-16le": "UTF-16",
  "utf-16be": "UTF-16 (big-endian)",
};
const ORDER_FROM = { option: "as chosen", file: "as the file's dates show", default: "the default" };

/**
 * How an import reads its file, in words: "Read as Windows-1252, semicolon-separated;
 * 03/04/2026 is 3 April (day first, as the file's dates show)." (the dry run says why).
 */
export function howRead(file: {
  encoding?: string;
  delimiter?: string;
  date_order: DateOrder;
  date_order_from?: keyof typeof ORDER_FROM;
}): string {
  const text = file.encoding
    ? `Read as ${ENCODINGS[file.encoding] ?? file.encoding}, ${DELIMITERS[file.delimiter ?? ","] ?? file.delimiter}-separated; `
    : "";
  const date = file.date_order === "dmy" ? "3 April (day first" : "March 4 (month first";
  const why = file.date_order_from ? `, ${ORDER_FROM[file.date_order_from]}` : "";
  return `${text}03/04/2026 is ${date}${why}).`;
}
