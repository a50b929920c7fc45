// The `email.send` task: compose the job's messages and deliver each once.
import type { Db } from "@/db";
import { composeEmails } from "./compose";
import { deliverEmail, EmailDeliveryError, type AttemptInfo } from "./deliver";
import { emailJobSchema } from "./jobs";

export async function runEmailJob(db: Db, payload: unknown, attempt?: AttemptInfo) {
  const job = emailJobSchema.parse(payload);
  const messages = await composeEmails(db, job);
  const failures: string[] = [];
  // Every recipient is tried even when one fails; a retry resends only the ones not yet sent.
  for (const message of messages) {
    try {
      await deliverEmail(db, message, attempt);
    } catch (err) {
      if (!(err instanceof EmailDeliveryError)) throw err;
      failures.push(err.message);
    }
  }
  if (failures.length) throw new EmailDeliveryError(failures.join("; "));
  return messages.length;
}
