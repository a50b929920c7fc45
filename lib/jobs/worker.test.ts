import { parseCrontab, type JobHelpers } from "graphile-worker";
import { describe, expect, it } from "vitest";
import { renderTurnNow } from "@/lib/pdf/render-turn";
import { CRONTAB, inJobTurns } from "./worker";
import { taskList } from "./tasks";

describe("the worker's crontab", () => {
  it("parses, and names only tasks the worker has", () => {
    const items = parseCrontab(CRONTAB);
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(Object.keys(taskList)).toContain(item.task);
  });
});

describe("the worker's tasks", () => {
  it("each run in its job's turn for the PDF threads: the job's priority, then when it was queued", async () => {
    const seen: unknown[] = [];
    const wrapped = inJobTurns({ "test.task": async (payload) => { await Promise.resolve(); seen.push({ payload, turn: renderTurnNow() }); } });
    const createdAt = new Date("2026-12-01T10:00:00Z");
    await wrapped["test.task"]!({ n: 1 }, { job: { priority: 10, created_at: createdAt } } as unknown as JobHelpers);
    expect(seen).toEqual([{ payload: { n: 1 }, turn: { priority: 10, since: createdAt.getTime() } }]);
    expect(Object.keys(inJobTurns(taskList)).sort()).toEqual(Object.keys(taskList).sort());
  });
});
