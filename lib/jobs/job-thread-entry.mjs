// Entry of the job thread (lib/jobs/job-thread.ts starts it), loaded from the source tree at JOBS_NICE
// (lib/thread-entry.mjs): it runs the TypeScript job worker.
import { workerData } from "node:worker_threads";
import { enterThread } from "../thread-entry.mjs";

const { runJobThread } = await enterThread(workerData, "turnout-jobs", "./in-thread.ts", import.meta.url);

await runJobThread();
