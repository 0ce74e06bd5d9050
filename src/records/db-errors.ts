import { AppError } from "../errors/app-error.ts";
import { OBJECTS } from "../model/registry.ts";

interface PgError {
  code?: string;
  constraint?: string;
  column?: string;
}

/** Splits `fk_<table>_<column>` using the known table names (longest match wins). */
function parseForeignKey(constraint: string): { table?: string; column?: string } {
  const def = OBJECTS.filter((d) => constraint.startsWith(`fk_${d.key}_`)).sort(
    (a, b) => b.key.length - a.key.length,
  )[0];
  return def ? { table: def.key, column: constraint.slice(`fk_${def.key}_`.length) } : {};
}

/** Maps PostgreSQL constraint errors (same codes on PGlite and a server) to AppErrors naming the field. */
export function mapDbError(error: unknown, action: "write" | "delete" = "write"): unknown {
  const pg = error as PgError;
  if (!pg || typeof pg.code !== "string") return error;
  if (pg.code === "23503") {
    const { table, column } = parseForeignKey(pg.constraint ?? "");
    if (action === "delete") {
      const dependent = OBJECTS.find((d) => d.key === table);
      return new AppError(
        "has_dependents",
        `Cannot delete: ${dependent?.label.toLowerCase() ?? "other records"} still refer to it (${column ?? "reference"})`,
        { extra: { dependent: table, field: column } },
      );
    }
    return new AppError("reference_not_found", `${column ?? "reference"}: no such record in this workspace`, {
      field: column,
    });
  }
  if (pg.code === "23505") {
    if (pg.constraint?.endsWith("_external")) {
      return new AppError(
        "duplicate",
        "external_id: a record with this source and external id already exists",
        {
          field: "external_id",
        },
      );
    }
    return new AppError("duplicate", `A record with the same values already exists (${pg.constraint})`);
  }
  if (pg.code === "23502") {
    return new AppError("validation_failed", `${pg.column ?? "a field"}: must not be null`, {
      field: pg.column,
    });
  }
  if (pg.code === "22003") return new AppError("validation_failed", "A number is out of range");
  if (pg.code === "22P02" || pg.code === "22007" || pg.code === "22008") {
    return new AppError("validation_failed", "A value has the wrong format");
  }
  return error;
}
