import { type Access, can } from "../../auth/index.ts";
import { AppError } from "../../errors/app-error.ts";
import { objectDef } from "../../model/registry.ts";
import type { Actor } from "../../records/index.ts";

/** An import writes (an export reads) every object it touches: the role must allow each area. */
export function assertCanAccess(actor: Actor, objects: string[], access: Access): void {
  for (const object of objects) {
    const def = objectDef(object);
    if (!can(actor.role, def.area, access))
      throw new AppError(
        "forbidden",
        `Role ${actor.role} may not ${access} ${def.area} data (${def.label.toLowerCase()})`,
      );
  }
}
