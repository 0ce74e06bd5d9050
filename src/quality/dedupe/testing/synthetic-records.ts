import { SYNTHETIC_HEADER, syntheticContacts } from "../../matching/index.ts";
import type { LoadedRecords } from "../load-records.ts";

/**
 * Synthetic contacts (several copies of each person, with typos) as a deduplication run loads
 * them, and which person each record really is (for precision checks).
 */
export function syntheticRecords(rows: number): { loaded: LoadedRecords; entity: Map<string, string> } {
  const columns: string[][] = SYNTHETIC_HEADER.map(() => []);
  for (const row of syntheticContacts(rows, 5)) {
    row.forEach((v, c) => {
      columns[c].push(v);
    });
  }
  const col = (name: string) => columns[SYNTHETIC_HEADER.indexOf(name)];
  const ids = col("contact_id");
  const entity = new Map(ids.map((id, i) => [id, col("entity")[i]]));
  const fields = [
    { name: "first_name", type: "first_name" },
    { name: "last_name", type: "last_name" },
    { name: "email", type: "email" },
    { name: "phone", type: "phone" },
    { name: "company", type: "company" },
  ] as const;
  return {
    loaded: {
      table: {
        headers: ["id", ...fields.map((f) => f.name)],
        columns: [ids, ...fields.map((f) => col(f.name))],
      },
      fields: [...fields],
    },
    entity,
  };
}
