import { resolve } from "node:path";
import { z } from "zod";

/** Revline's configuration, read once from the environment at start and validated. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  adminEmail?: string;
  adminPassword?: string;
  logLevel: string;
  /** Secure cookies need HTTPS; on by default only when REVLINE_PUBLIC_URL is https. */
  secureCookies: boolean;
  publicUrl?: string;
  /** The embedded database's shared_buffers (PostgreSQL size, e.g. "32MB"); unset: 128MB for the server, 32MB for a CLI command, 32MB in low-memory mode. */
  embeddedSharedBuffers?: string;
  /**
   * REVLINE_EMBEDDED_LOW_MEMORY: 1, the embedded engine trades speed for memory (see
   * ConnectOptions.lowMemory); 0, never; unset, only for a CLI import (see embeddedSettings).
   */
  embeddedLowMemory: boolean | undefined;
}

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("127.0.0.1"),
  REVLINE_DATA_DIR: z.string().default(".revline/data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  REVLINE_ADMIN_EMAIL: z.email().optional(),
  REVLINE_ADMIN_PASSWORD: z.string().min(10, "must be at least 10 characters").optional(),
  REVLINE_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  REVLINE_PUBLIC_URL: z.url().optional(),
  REVLINE_EMBEDDED_SHARED_BUFFERS: z
    .string()
    .regex(/^[1-9]\d*(kB|MB|GB)$/, "must be a size like 32MB, 128MB or 1GB")
    .optional(),
  REVLINE_EMBEDDED_LOW_MEMORY: z.enum(["0", "1"], { error: "must be 1 (on) or 0 (off)" }).optional(),
});

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== "")));
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid configuration — set these environment variables correctly:\n${problems}`);
  }
  const e = result.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.REVLINE_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    adminEmail: e.REVLINE_ADMIN_EMAIL,
    adminPassword: e.REVLINE_ADMIN_PASSWORD,
    logLevel: e.REVLINE_LOG_LEVEL,
    publicUrl: e.REVLINE_PUBLIC_URL,
    secureCookies: e.REVLINE_PUBLIC_URL?.startsWith("https://") ?? false,
    embeddedSharedBuffers: e.REVLINE_EMBEDDED_SHARED_BUFFERS,
    embeddedLowMemory:
      e.REVLINE_EMBEDDED_LOW_MEMORY === undefined ? undefined : e.REVLINE_EMBEDDED_LOW_MEMORY === "1",
  };
}
