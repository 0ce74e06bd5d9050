import { fitDynamicTheta } from "./dynamic-theta.ts";
import { fitHolt } from "./holt.ts";
import { fitNaive, fitSeasonalNaive } from "./naive.ts";
import type { ComponentFit, SeriesMethod } from "./series.types.ts";
import { fitSes } from "./ses.ts";
import { fitTheta } from "./theta.ts";

export interface Component {
  /** Fewest observations for which the component's fit is well posed. */
  minLength: number;
  fit: (values: readonly number[], horizon: number, season: number) => ComponentFit;
}

/** How a method prepares the series and which models it averages. */
export interface Recipe {
  /** `classical`: M4 reference decomposition; `shrunk`: the same with James–Stein shrinkage. */
  seasonalAdjustment: "none" | "classical" | "shrunk";
  /** Model log(y) when every value is positive: trends become growth rates, bounds stay positive. */
  logScale: boolean;
  components: Component[];
}

const naive: Component = { minLength: 1, fit: (y, h) => fitNaive(y, h) };
const seasonalNaive: Component = { minLength: 1, fit: fitSeasonalNaive };
const ses: Component = { minLength: 2, fit: (y, h) => fitSes(y, h) };
const theta: Component = { minLength: 2, fit: (y, h) => fitTheta(y, h) };
const dotm: Component = { minLength: 4, fit: (y, h) => fitDynamicTheta(y, h) };
const damped: Component = { minLength: 6, fit: (y, h) => fitHolt(y, h, true) };

/**
 * `auto` was chosen on a holdout cut from the training part of the M3 monthly sample, then
 * confirmed on the test part (docs/forecasting.md). The other recipes are the M3/M4 reference
 * baselines, kept exactly as published so their scores compare with the literature.
 */
export const RECIPES: Record<SeriesMethod, Recipe> = {
  auto: { seasonalAdjustment: "shrunk", logScale: true, components: [theta, dotm, damped] },
  theta: { seasonalAdjustment: "classical", logScale: false, components: [theta] },
  dotm: { seasonalAdjustment: "classical", logScale: false, components: [dotm] },
  ets: { seasonalAdjustment: "classical", logScale: false, components: [damped] },
  ses: { seasonalAdjustment: "classical", logScale: false, components: [ses] },
  naive2: { seasonalAdjustment: "classical", logScale: false, components: [naive] },
  snaive: { seasonalAdjustment: "none", logScale: false, components: [seasonalNaive] },
  naive: { seasonalAdjustment: "none", logScale: false, components: [naive] },
};
