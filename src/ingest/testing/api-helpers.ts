import { readFileSync } from "node:fs";
import { basename } from "node:path";
import type { App } from "../../api/context.ts";

type Headers = Record<string, string>;

/** A multipart/form-data body with text fields and one file, as a browser or curl sends it. */
export function multipart(
  fields: Record<string, string>,
  file?: { path: string; name?: string; content?: string },
) {
  const boundary = `----revline${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  if (file) {
    const name = file.name ?? basename(file.path);
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\n`,
      ),
      file.content !== undefined ? Buffer.from(file.content) : readFileSync(file.path),
      Buffer.from("\r\n"),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

export async function upload(
  app: App,
  headers: Headers,
  fields: Record<string, string>,
  file?: { path: string; name?: string; content?: string },
) {
  const body = multipart(fields, file);
  const res = await app.inject({
    method: "POST",
    url: "/api/imports",
    headers: { ...headers, "content-type": body.contentType },
    payload: body.payload,
  });
  return { status: res.statusCode, body: res.json() };
}

/** Polls an import until it stops running. */
export async function waitForImport(app: App, headers: Headers, id: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await app.inject({ method: "GET", url: `/api/imports/${id}`, headers });
    const body = res.json();
    if (body.status !== "queued" && body.status !== "running") return body;
    if (Date.now() > deadline) throw new Error(`import ${id} still ${body.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
