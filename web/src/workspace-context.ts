import { createContext, useContext } from "react";
import type { FormContext } from "./form-values.ts";
import type { Me, ObjectMeta } from "./meta.types.ts";

/** Who is signed in and the object model; loaded once by the app shell for every page. */
export interface Workspace {
  me: Me;
  objects: ObjectMeta[];
  byKey: Map<string, ObjectMeta>;
  byPath: Map<string, ObjectMeta>;
  formContext: FormContext;
}

export const WorkspaceContext = createContext<Workspace | null>(null);

export function useWorkspace(): Workspace {
  const workspace = useContext(WorkspaceContext);
  if (!workspace) throw new Error("useWorkspace must be used inside the app shell");
  return workspace;
}

export function buildWorkspace(me: Me, objects: ObjectMeta[]): Workspace {
  return {
    me,
    objects,
    byKey: new Map(objects.map((o) => [o.key, o])),
    byPath: new Map(objects.map((o) => [o.path, o])),
    formContext: { timeZone: me.workspace.timezone, defaultCurrency: me.workspace.reporting_currency },
  };
}

export const canRead = (me: Me, object: ObjectMeta): boolean => me.permissions[object.area] !== undefined;

export const canWrite = (me: Me, object: ObjectMeta): boolean =>
  object.writable && me.permissions[object.area] === "write";
