import type { Role } from "../model/objects/enums.ts";

/** Who is acting: a signed-in user, an API key, or Revline itself (demo loader, migrations). */
export interface Actor {
  type: "user" | "api_key" | "system";
  id: string | null;
  workspaceId: string;
  role: Role;
}

export const systemActor = (workspaceId: string): Actor => ({
  type: "system",
  id: null,
  workspaceId,
  role: "admin",
});
