// `npm run docs`: regenerates the documents derived from code.
import { writeFileSync } from "node:fs";
import { permissionsMarkdown } from "../src/auth/permissions-doc.ts";

writeFileSync(new URL("../docs/permissions.md", import.meta.url), permissionsMarkdown());
console.log("wrote docs/permissions.md");
