// What the job thread runs (lib/jobs/job-thread.ts): the job worker, with its PDF threads and database connections
// warmed and a payment's emails rehearsed (lib/jobs/rehearsal.ts), and its business counts handed to the request
// thread. Asked to stop, it lets the jobs it is running finish first.
import { parentPort } from "node:worker_threads";
import { getDb, getSql } from "@/db";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { forwardCounts } from "@/lib/metrics/events";
import { closePdfPool, warmPdfPool } from "@/lib/pdf/render-pool";
import type { JobThreadMessage, ToJobThread } from "./job-thread";
import { rehearseConfirmations } from "./rehearsal";
import { warmConnections } from "./warm-connections";
import { startWorker } from "./worker";

export async function runJobThread() {
  const send = (m: JobThreadMessage) => parentPort?.postMessage(m);
  forwardCounts((count) => send({ kind: "count", count }));
  // The documents and fonts load once, now rather than on the first payment.
  const warmed = warmPdfPool();
  warmed.catch((err) => log.error({ err }, "PDF render threads failed to start"));
  const runner = await startWorker();
  if (!runner) throw new Error("the job thread was started without a database or with JOBS_WORKER=off");
  // Every connection of the pool opened, each having read the tables' definitions (warm-connections.ts).
  const connected = warmConnections(getSql()).then(
    (counts) => log.info(counts, "job thread warmed its database connections"),
    (err) => log.warn({ err }, "job thread could not warm its database connections"),
  );
  // Then a payment's emails are composed, unsent, so that their code is compiled too.
  const rounds = env().JOBS_REHEARSAL_ROUNDS;
  if (rounds > 0) {
    void Promise.all([warmed, connected]).then(() => rehearseConfirmations(getDb(), { parallel: env().JOBS_CONCURRENCY, rounds })).then(
      ({ messages }) => log.info({ messages }, "job thread rehearsed confirmation emails"),
      // The thread stopping meanwhile (its pool closed) ends it too; nothing depends on it.
      (err) => log.warn({ err }, "job thread rehearsal stopped"),
    );
  }
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
