// Body of the matching worker thread (loaded by find-duplicates-thread.mjs): runs findDuplicates
// on the structured-cloned inputs, posts its progress and then the result or the error.
import { parentPort, workerData } from "node:worker_threads";
import { AppError } from "../../errors/app-error.ts";
import { findDuplicates } from "./find-duplicates.ts";
import type { ThreadInput, ThreadMessage } from "./find-duplicates-worker.ts";

const port = parentPort;
if (!port) throw new Error("find-duplicates-thread.ts runs only as a worker thread");
const post = (message: ThreadMessage): void => port.postMessage(message);

const { loaded, settings, notDuplicates } = workerData as ThreadInput;
try {
  const result = findDuplicates(loaded, settings, notDuplicates, (stage, done, total) =>
    post({ kind: "progress", stage, done, total }),
  );
  post({ kind: "result", result });
} catch (error) {
  const e = error instanceof Error ? error : new Error(String(error));
  const plain = { name: e.name, message: e.message, stack: e.stack };
  try {
    const app =
      e instanceof AppError
        ? { code: e.code, field: e.field, details: e.details, extra: e.extra }
        : undefined;
    post({ kind: "error", error: { ...plain, app } });
  } catch {
    post({ kind: "error", error: plain }); // details that do not clone are left out
  }
}
