// Entry of the page-load thread (bench/lib/steady-thread.ts): plain JavaScript that loads the TypeScript
// measurement with tsx, runs it once and hands its result back.
import { setPriority } from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

// Visitors' browsers run on machines of their own and never wait for the server's cores. On this shared
// machine the thread asks for a higher priority (Linux, per thread; root may), so that a saturated machine
// delays the answers it measures rather than the sending of its requests; where refused, it runs as it is.
try {
  setPriority(-10);
} catch {
  // not permitted here
}

const { steady } = await tsImport("./measure.ts", import.meta.url);
parentPort.postMessage(await steady(workerData));
