const SUFFIXES: Record<string, number> = { k: 1e3, m: 1e6, mm: 1e6, b: 1e9, bn: 1e9 };

/**
 * A number as people type it into a spreadsheet: `10k`, `1.5m`, `2bn`, `1,250.50`, `$3,000`,
 * `-4.2K`, `12%` (12). Null when the text is not a number. Commas are thousands separators.
 */
export function parseNumber(text: string): number | null {
  const cleaned = text
    .trim()
    .replace(/^[-−–]/, "-")
    .replace(/[\s,_]/g, "")
    .replace(/^(-?)[$€£¥]/, "$1")
    .replace(/%$/, "");
  const match = /^(-?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)([a-z]{0,2})$/i.exec(cleaned);
  if (!match) return null;
  const factor = match[2] ? SUFFIXES[match[2].toLowerCase()] : 1;
  if (factor === undefined) return null;
  const value = Number(match[1]) * factor;
  if (!Number.isFinite(value)) return null;
  // 1.1m is 1,100,000, not 1,100,000.0000000002.
  return Number(value.toPrecision(15));
}
