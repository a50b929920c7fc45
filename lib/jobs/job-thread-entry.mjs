// Entry of the job thread (lib/jobs/job-thread.ts starts it). Plain JavaScript, loaded by Node as it is from
// the source tree and never bundled: it lowers its own scheduling priority, then loads the TypeScript worker
// with tsx, using the project's tsconfig (for the "@/" paths), both found from this file.
import { setPriority } from "node:os";
import { fileURLToPath } from "node:url";
import { workerData } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

// On Linux the nice value belongs to the thread (pid 0 is the calling thread): this lowers this thread only.
try {
  setPriority(workerData?.nice ?? 0);
} catch {
  // not permitted here: run at the default priority
}

const { runJobThread } = await tsImport("./in-thread.ts", {
  parentURL: import.meta.url,
  tsconfig: fileURLToPath(new URL("../../tsconfig.json", import.meta.url)),
});

await runJobThread();
