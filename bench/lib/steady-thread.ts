// The steady page load of the payment burst, run on a thread of its own: the visitors it stands for are not
// held up while the bench's own thread builds, signs and sends the burst's forty webhooks at once, so the
// latencies it reports are the server's, not the load generator's.
import { Worker } from "node:worker_threads";
import type { SteadyMeasurement, steady } from "./measure";

/** `steady(load)` on another thread (bench/lib/steady-thread-entry.mjs); resolves with its measurement. */
export function steadyOnThread(load: Parameters<typeof steady>[0]): Promise<SteadyMeasurement> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./steady-thread-entry.mjs", import.meta.url), { workerData: load });
    worker.once("message", (m: SteadyMeasurement) => resolve(m));
    worker.once("error", reject);
    worker.once("exit", (code) => code !== 0 && reject(new Error(`the page load thread exited with ${code}`)));
  });
}
