import { describe, expect, it } from "vitest";
import { lightnessOf, retentionColour } from "./heat-scale.ts";

describe("cohort heat-map colours", () => {
  it("goes from the lightest blue at 0 % to the darkest at 100 %", () => {
    expect(retentionColour(0).background).toBe("hsl(222 65% 96%)");
    expect(retentionColour(1).background).toBe("hsl(222 65% 34%)");
    // 50 %: halfway, 96 − 0.5 × 62 = 65.
    expect(retentionColour(0.5).background).toBe("hsl(222 65% 65%)");
  });

  it("darkens steadily as retention rises", () => {
    const shades = [0, 0.2, 0.4, 0.6, 0.8, 1].map((v) => lightnessOf(retentionColour(v).background));
    for (let i = 1; i < shades.length; i++) expect(shades[i]).toBeLessThan(shades[i - 1]);
  });

  it("keeps text readable: dark text on light cells, white on dark ones", () => {
    expect(retentionColour(0.2).color).toBe("#1b2330");
    expect(retentionColour(0.9).color).toBe("#ffffff");
  });

  it("marks revenue grown past 100 % in green, capped at 150 %", () => {
    expect(retentionColour(1.1).background).toMatch(/^hsl\(152 /);
    expect(retentionColour(1.5).background).toBe(retentionColour(3).background);
  });

  it("leaves cells without a value uncoloured", () => {
    expect(retentionColour(null).background).toBe("transparent");
    expect(retentionColour(Number.NaN).background).toBe("transparent");
  });
});
