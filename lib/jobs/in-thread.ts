// What the job thread runs (lib/jobs/job-thread.ts): the job worker, with its PDF threads warmed, and its
// business counts handed to the request thread. Asked to stop, it lets the jobs it is running finish first.
import { parentPort } from "node:worker_threads";
import { getSql } from "@/db";
import { log } from "@/lib/log";
import { forwardCounts } from "@/lib/metrics/events";
import { closePdfPool, warmPdfPool } from "@/lib/pdf/render-pool";
import type { JobThreadMessage, ToJobThread } from "./job-thread";
import { startWorker } from "./worker";

export async function runJobThread() {
  const send = (m: JobThreadMessage) => parentPort?.postMessage(m);
  forwardCounts((count) => send({ kind: "count", count }));
  // The documents and fonts load once, now rather than on the first payment.
  warmPdfPool().catch((err) => log.error({ err }, "PDF render threads failed to start"));
  const runner = await startWorker();
  if (!runner) throw new Error("the job thread was started without a database or with JOBS_WORKER=off");
  parentPort?.on("message", (m: ToJobThread) => {
    if (m.kind !== "stop") return;
    void (async () => {
      await runner.stop();
      await closePdfPool();
      await getSql().end({ timeout: 5 });
      process.exit(0); // in a worker thread: ends this thread only
    })();
  });
  send({ kind: "started" });
}
