// Entry of the worker thread that runs findDuplicates (see find-duplicates-worker.ts). Loader
// hooks registered in the main thread do not reach worker threads on Node 20, and under vitest
// the main thread has none, so the worker registers tsx itself before loading the TypeScript.
import { register } from "tsx/esm/api";

register();
await import("./find-duplicates-thread.ts");
