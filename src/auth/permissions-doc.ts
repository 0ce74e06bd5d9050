import { ROLES } from "../model/objects/enums.ts";
import { OBJECTS } from "../model/registry.ts";
import { PERMISSIONS, type Resource } from "./permissions.ts";

const RESOURCES: Resource[] = [
  "crm",
  "pipeline",
  "marketing",
  "support",
  "finance",
  "partner",
  "planning",
  "people",
  "admin",
];

/** docs/permissions.md, generated from the permission table so the two cannot drift. */
export function permissionsMarkdown(): string {
  const header = `| role | ${RESOURCES.join(" | ")} |\n|---|${RESOURCES.map(() => "---").join("|")}|`;
  const rows = ROLES.map(
    (role) => `| ${role} | ${RESOURCES.map((r) => PERMISSIONS[role][r] ?? "—").join(" | ")} |`,
  );
  const areas = RESOURCES.filter((r) => r !== "admin").map(
    (area) =>
      `- **${area}**: ${OBJECTS.filter((o) => o.area === area)
        .map((o) => `\`${o.key}\``)
        .join(", ")}`,
  );
  return `# Permissions

Generated from \`src/auth/permissions.ts\` by \`npm run docs\`; a test fails when this file is stale.

Every API route names the business area it touches and whether it reads or writes; the caller's
role must grant that access (\`write\` includes \`read\`). Every query is also scoped to the
caller's workspace: another workspace's ids answer 404.

${header}
${rows.join("\n")}

Areas and their objects:

${areas.join("\n")}
- **admin**: API keys, creating and changing users (roles, passwords), the audit log, loading demo data.

Users can only be created or changed by an admin, since a user's role decides what they may do.
`;
}
