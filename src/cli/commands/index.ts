import type { Command } from "commander";
import { registerApiKey } from "./apikey.command.ts";
import { registerDedupe } from "./dedupe.command.ts";
import { registerDedupeFile } from "./dedupe-file.command.ts";
import { registerDemo } from "./demo.command.ts";
import { registerExport } from "./export.command.ts";
import { registerForecast } from "./forecast.command.ts";
import { registerForecastSeries } from "./forecast-series.command.ts";
import { registerImport } from "./import.command.ts";
import { registerMetrics } from "./metrics.command.ts";
import { registerMigrate } from "./migrate.command.ts";
import { registerQuality } from "./quality.command.ts";
import { registerStart } from "./start.command.ts";
import { registerUser } from "./user.command.ts";

/** Every CLI command registers itself here: one file per command in this folder. */
export const commands: Array<(program: Command) => void> = [
  registerStart,
  registerMigrate,
  registerDemo,
  registerUser,
  registerApiKey,
  registerForecastSeries,
  registerDedupeFile,
  registerDedupe,
  registerImport,
  registerExport,
  registerMetrics,
  registerQuality,
  registerForecast,
];
