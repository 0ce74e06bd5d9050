import type { ApiRecord } from "../api-client.ts";

/** Per group value: how many records and their sums (from /api/<object>/groups). */
export interface GroupTotal {
  value: string | null;
  count: number;
  sums: Record<string, Array<{ currency: string | null; value: number }>>;
}

/** The child records shown under an expanded row: one list per kind of child. */
export interface ChildList {
  object: string;
  label: string;
  path: string;
  /** The child's field that points at the parent, for "View all" links. */
  field: string;
  rows: ApiRecord[];
  total: number | undefined;
  loading: boolean;
}

/** One line of the virtual list: a record, or what the grid shows between records. */
export type GridItem =
  | { type: "row"; index: number; row: ApiRecord }
  | { type: "group"; value: string | null; total: GroupTotal | undefined }
  | { type: "child-header"; parentId: string; list: ChildList }
  | { type: "child"; parentId: string; list: ChildList; record: ApiRecord };

export const groupValueOf = (row: ApiRecord, field: string): string | null =>
  row[field] === null || row[field] === undefined ? null : String(row[field]);

export interface ItemsInput {
  rows: ApiRecord[];
  /** All records the list holds (loaded or not), when known. */
  total: number | undefined;
  hasMore: boolean;
  groupBy: string | null;
  groups: Map<string | null, GroupTotal>;
  expanded: ReadonlySet<string>;
  children: (parentId: string) => ChildList[];
}

/**
 * The virtual list: loaded records in order, a header where the group value changes, an
 * expanded record's children under it; then `placeholders` lines for records not loaded yet
 * (so the scrollbar is the size of the whole list). `rowItem[i]` is the item index of record i.
 */
export function buildItems(input: ItemsInput): {
  items: GridItem[];
  rowItem: number[];
  placeholders: number;
} {
  const items: GridItem[] = [];
  const rowItem: number[] = [];
  let group: string | null | undefined;
  input.rows.forEach((row, index) => {
    if (input.groupBy) {
      const value = groupValueOf(row, input.groupBy);
      if (index === 0 || value !== group)
        items.push({ type: "group", value, total: input.groups.get(value) });
      group = value;
    }
    rowItem.push(items.length);
    items.push({ type: "row", index, row });
    if (input.expanded.has(row.id)) {
      for (const list of input.children(row.id)) {
        items.push({ type: "child-header", parentId: row.id, list });
        for (const record of list.rows) items.push({ type: "child", parentId: row.id, list, record });
      }
    }
  });
  const placeholders =
    input.total !== undefined ? Math.max(0, input.total - input.rows.length) : input.hasMore ? 1 : 0;
  return { items, rowItem, placeholders };
}
