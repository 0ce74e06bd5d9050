import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import type { Db } from "./types.ts";

const folder = join(dirname(fileURLToPath(import.meta.url)), "migrations");

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Numbered, forward-only SQL files: 0001_name.sql, 0002_name.sql, … */
export function listMigrations(): Migration[] {
  return readdirSync(folder)
    .filter((file) => /^\d{4}_.+\.sql$/.test(file))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 4)),
      name: file.replace(/\.sql$/, ""),
      sql: readFileSync(join(folder, file), "utf8"),
    }));
}

/**
 * Applies every migration not yet applied, each in its own transaction. An advisory lock
 * keeps two servers starting at once on PostgreSQL from racing.
 */
export async function migrate(db: Db): Promise<string[]> {
  await sql`create table if not exists schema_migrations (
    version integer primary key, name text not null, applied_at timestamptz not null default now())`.execute(
    db,
  );
  const applied: string[] = [];
  await db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(4242001)`.execute(conn);
    try {
      const done = await sql<{ version: number }>`select version from schema_migrations`.execute(conn);
      const seen = new Set(done.rows.map((row) => row.version));
      for (const migration of listMigrations()) {
        if (seen.has(migration.version)) continue;
        await conn.transaction().execute(async (tx) => {
          await sql.raw(migration.sql).execute(tx);
          await sql`insert into schema_migrations (version, name) values (${migration.version}, ${migration.name})`.execute(
            tx,
          );
        });
        applied.push(migration.name);
      }
    } finally {
      await sql`select pg_advisory_unlock(4242001)`.execute(conn);
    }
  });
  return applied;
}
