import { Worker } from "node:worker_threads";
import { AppError, type ErrorCode, type ErrorDetail } from "../../errors/app-error.ts";
import type { ProgressListener } from "../matching/index.ts";
import type { DedupeSettings } from "./dedupe-settings.ts";
import type { FoundDuplicates } from "./find-duplicates.ts";
import type { LoadedRecords } from "./load-records.ts";

/** What the worker receives (structured-cloned: plain objects, arrays of strings and a Set). */
export interface ThreadInput {
  loaded: LoadedRecords;
  settings: DedupeSettings;
  notDuplicates: ReadonlySet<string>;
}

interface ThreadError {
  name: string;
  message: string;
  stack?: string;
  app?: { code: ErrorCode; field?: string; details?: ErrorDetail[]; extra?: Record<string, unknown> };
}

export type ThreadMessage =
  | { kind: "progress"; stage: string; done: number; total: number }
  | { kind: "result"; result: FoundDuplicates }
  | { kind: "error"; error: ThreadError };

/**
 * Below this many records a run matches in the calling thread. Measured on the 2-core dev
 * machine (synthetic contacts, fresh process): the worker needs ~350–400 ms before it compares
 * anything (the thread ~40 ms, tsx's hooks ~100–150 ms, compiling and loading the engine's
 * modules ~150 ms) but stalls the calling thread ≤ 10 ms up to 300 records (63 ms for 10,000:
 * cloning the input and result); in-process, findDuplicates stalls it 87 ms for 100 records,
 * 204 ms for 300, 471 ms for 1,000. Under 200 records the stall is about a slow request, not
 * worth a run ~0.4 s longer; above, the freeze costs more than the start-up.
 */
export const WORKER_MIN_ROWS = 200;

const ENTRY = new URL("./find-duplicates-thread.mjs", import.meta.url);

function rebuild(error: ThreadError): Error {
  const rebuilt = error.app
    ? new AppError(error.app.code, error.message, {
        field: error.app.field,
        details: error.app.details,
        extra: error.app.extra,
      })
    : new Error(error.message);
  if (!error.app) rebuilt.name = error.name;
  if (error.stack) rebuilt.stack = `${error.stack}\n    (in the matching worker thread)`;
  return rebuilt;
}

/**
 * findDuplicates — the same function — in a worker thread, so the server's event loop stays
 * free while a run matches. Progress messages are forwarded to `onProgress`; an error inside
 * the worker rejects with its message (an AppError stays one). The worker is terminated
 * before the promise settles, whatever happened.
 */
export function findDuplicatesInWorker(
  loaded: LoadedRecords,
  settings: DedupeSettings,
  notDuplicates: ReadonlySet<string>,
  onProgress?: ProgressListener,
): Promise<FoundDuplicates> {
  return new Promise((resolve, reject) => {
    const input: ThreadInput = { loaded, settings, notDuplicates };
    const worker = new Worker(ENTRY, { workerData: input });
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      worker.removeAllListeners("message");
      void worker.terminate().then(outcome, outcome);
    };
    worker.on("message", (message: ThreadMessage) => {
      if (message.kind === "progress") {
        try {
          onProgress?.(message.stage, message.done, message.total);
        } catch (error) {
          settle(() => reject(error));
        }
      } else if (message.kind === "result") {
        const { result } = message;
        settle(() => resolve(result));
      } else {
        const error = rebuild(message.error);
        settle(() => reject(error));
      }
    });
    worker.on("error", (error) => settle(() => reject(error)));
    worker.on("exit", (code) =>
      settle(() =>
        reject(new Error(`the matching worker thread stopped (exit code ${code}) without a result`)),
      ),
    );
  });
}
