import { objectDef } from "../../model/registry.ts";
import type { Batch } from "./commit-batch.ts";
import { keyOf } from "./write-context.ts";

/**
 * Whether a preset's batches may overlap — the next batch reading and planning while the
 * previous one writes — on reads alone: it writes one object, and no object that object refers
 * to (directly or through others) refers back to it. A batch then only writes records of that
 * object and, when a reference they were waiting for arrives, records of objects referring to
 * it, none of which the next batch reads.
 */
export function presetMayOverlap(objects: readonly string[]): boolean {
  if (objects.length !== 1) return false;
  const [object] = objects;
  const seen = new Set<string>();
  const stack = [object];
  while (stack.length > 0) {
    for (const field of Object.values(objectDef(stack.pop()!).fields)) {
      if (field.kind !== "ref" || !field.ref) continue;
      if (field.ref === object) return false;
      if (!seen.has(field.ref)) {
        seen.add(field.ref);
        stack.push(field.ref);
      }
    }
  }
  return true;
}

/** Whether two batches write no record in common (the same key of the same object). */
export function disjointBatches(earlier: Batch, later: Batch): boolean {
  const keys = new Set(earlier.inputs.map((i) => `${i.record.object}\u0000${keyOf(i.record)}`));
  return !later.inputs.some((i) => keys.has(`${i.record.object}\u0000${keyOf(i.record)}`));
}
