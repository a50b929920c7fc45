// The job worker is woken by the NOTIFY that add_job sends when a job is queued, so a payment's emails start
// at once rather than at the next poll.
import { EventEmitter } from "node:events";
import { randomUUID } from "node:crypto";
import { run, type WorkerEvents } from "graphile-worker";
import { describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { WORKER_PACE } from "@/lib/jobs/worker";
import { db } from "../fixtures";
import { eventually } from "../finance-fixtures";

describe("the job worker", () => {
  it("runs a job queued while it is idle without waiting for a poll", async () => {
    const done: string[] = [];
    const events = new EventEmitter() as WorkerEvents;
    const listening = new Promise<void>((resolve) => events.once("pool:listen:success", () => resolve()));
    const idle = new Promise<void>((resolve) => events.once("worker:getJob:empty", () => resolve()));
    // The app's pace, except that the poll would come only in an hour, so within the test's deadline only
    // the notification can have started the job; one worker, so "idle" below means the whole pool is. A task
    // of its own, so no other file's jobs are taken.
    const runner = await run({
      connectionString: env().DATABASE_URL!, ...WORKER_PACE, concurrency: 1, pollInterval: 3_600_000, noHandleSignals: true, events,
      taskList: { "test.wake-on-notify": async (payload) => { done.push((payload as { id: string }).id); } },
    });
    try {
      await listening;
      await idle; // the start-up look for due jobs has found none; from here the worker only waits
      const id = randomUUID();
      await db().transaction((tx) => enqueueJob(tx, "test.wake-on-notify", { id }));
      await eventually(async () => expect(done).toContain(id));
    } finally {
      await runner.stop();
    }
  });
});
