import { afterEach, describe, expect, it, vi } from "vitest";
import { log } from "@/lib/log";
import { queueLogFields, queueLogger } from "./queue-log";

afterEach(() => vi.restoreAllMocks());

const job = { id: "42", task_identifier: "email:booking-confirmed", attempts: 2, max_attempts: 25, payload: { to: "ada@example.com", bookingId: "b-1" } };

describe("the job queue's messages", () => {
  it("are written with the job's id, task, attempt and duration, never its payload", () => {
    const fields = queueLogFields({ label: "worker", workerId: "w-1" }, { job, duration: 12.3456, success: true });
    expect(fields).toEqual({
      component: "job-queue", queueScope: "worker", workerId: "w-1", task: "email:booking-confirmed", jobId: "42", attempt: 2, maxAttempts: 25, durationMs: 12.35,
    });
    expect(JSON.stringify(fields)).not.toContain("ada@example.com");
  });

  it("carry a failure's error as err, and go out at the app logger's matching level", () => {
    const error = vi.spyOn(log, "error").mockImplementation(() => undefined);
    const warn = vi.spyOn(log, "warn").mockImplementation(() => undefined);
    const failure = new Error("SMTP refused");
    queueLogger.scope({ label: "job", workerId: "w-2" }).error("Failed task 42 (email, 3ms) with error 'SMTP refused':\n  at stack line", { job, error: failure });
    queueLogger.warn("Listener reconnecting");
    expect(error).toHaveBeenCalledOnce();
    const [fields, message] = error.mock.calls[0] as unknown as [Record<string, unknown>, string];
    expect(fields).toMatchObject({ component: "job-queue", workerId: "w-2", jobId: "42", err: failure });
    expect(message).toBe("Failed task 42 (email, 3ms) with error 'SMTP refused':");
    expect(warn).toHaveBeenCalledWith({ component: "job-queue" }, "Listener reconnecting");
  });
});
