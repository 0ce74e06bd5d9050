import { describe, expect, it } from "vitest";
import { nelderMead } from "./nelder-mead.ts";

describe("nelderMead", () => {
  it("finds the minimum of Rosenbrock's valley", () => {
    const { x, value } = nelderMead(([a, b]) => (1 - a) ** 2 + 100 * (b - a * a) ** 2, [-1.2, 1], {
      maxEvaluations: 2000,
      tolerance: 1e-14,
    });
    expect(x[0]).toBeCloseTo(1, 3);
    expect(x[1]).toBeCloseTo(1, 3);
    expect(value).toBeLessThan(1e-6);
  });
});
