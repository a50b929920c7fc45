// Entry of the page-load thread (bench/lib/steady-thread.ts): plain JavaScript that loads the TypeScript
// measurement with tsx, runs it once and hands its result back.
import { parentPort, workerData } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

const { steady } = await tsImport("./measure.ts", import.meta.url);
parentPort.postMessage(await steady(workerData));
