import type { Kysely, Transaction } from "kysely";

/**
 * Rows are handled through the object registry (src/model), so the query builder is typed
 * loosely at this level; typed shapes live beside each capability's queries.
 */
export type Db = Kysely<any>;
export type Tx = Transaction<any>;
export type DbOrTx = Db | Tx;

export type DatabaseKind = "pglite" | "postgres";

export interface Database {
  db: Db;
  kind: DatabaseKind;
  close(): Promise<void>;
  /** PGlite only: a tarball of the data folder, loadable with `connect({ loadDataDir })`. */
  dumpDataDir?: () => Promise<Blob>;
}
