// Queues the job that offers a session's free places to its waiting list, in the transaction that freed them.
import type { DbOrTx } from "@/db";
import { enqueueJob } from "@/lib/jobs/enqueue";

export const WAITLIST_OFFER_TASK = "waitlist.offer";

/** One pending job per session (the key replaces a job not yet started), so a burst of releases makes one run. */
export async function queueWaitlistOffers(tx: DbOrTx, sessionId: string) {
  await enqueueJob(tx, WAITLIST_OFFER_TASK, { sessionId }, { jobKey: `waitlist-offer:${sessionId}`, maxAttempts: 5 });
}
