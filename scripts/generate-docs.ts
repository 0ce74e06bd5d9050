// `npm run docs`: regenerates the documents derived from code.
import { writeFileSync } from "node:fs";
import { permissionsMarkdown } from "../src/auth/permissions-doc.ts";
import { metricsMarkdown } from "../src/metrics/metrics-doc.ts";
import { dataModelMarkdown } from "../src/model/data-model-doc.ts";

writeFileSync(new URL("../docs/permissions.md", import.meta.url), permissionsMarkdown());
writeFileSync(new URL("../docs/data-model.md", import.meta.url), dataModelMarkdown());
writeFileSync(new URL("../docs/metrics.md", import.meta.url), metricsMarkdown());
console.log("wrote docs/permissions.md, docs/data-model.md, docs/metrics.md");
