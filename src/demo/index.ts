/**
 * Demo data: a deterministic, believable B2B SaaS company over three years (marketing,
 * pipeline, billing, support), generated from a seed and loaded fast into an empty workspace.
 */
export { generateDemo, startDemo } from "./generate.ts";
export { type DemoProgress, type DemoSummary, loadDemo, workspaceHasData } from "./load-demo.ts";
export type { DemoOptions } from "./plan.ts";
