/**
 * Colour of a retention cell: a blue that darkens from 0 % to 100 % retained, a green beyond
 * 100 % (revenue grown by expansion), grey for no value. Text turns white on the dark shades
 * so every cell keeps a readable contrast.
 */

export interface CellColour {
  background: string;
  color: string;
}

const LIGHTEST = 96;
const DARKEST = 34;

export function retentionColour(value: number | null): CellColour {
  if (value === null || !Number.isFinite(value)) return { background: "transparent", color: "#5f6b7a" };
  if (value > 1) {
    // 100 % → 150 %+ from a mid to a deep green.
    const t = Math.min(1, (value - 1) / 0.5);
    const lightness = Math.round(44 - t * 16);
    return { background: `hsl(152 55% ${lightness}%)`, color: "#ffffff" };
  }
  const t = Math.max(0, value);
  const lightness = Math.round(LIGHTEST - t * (LIGHTEST - DARKEST));
  return { background: `hsl(222 65% ${lightness}%)`, color: lightness < 60 ? "#ffffff" : "#1b2330" };
}

/** The lightness (0–100) of a colour this module made, for tests and legends. */
export function lightnessOf(colour: string): number {
  const match = /(\d+)%\)$/.exec(colour);
  return match ? Number(match[1]) : Number.NaN;
}
