import { parseCrontab } from "graphile-worker";
import { describe, expect, it } from "vitest";
import { CRONTAB } from "./worker";
import { taskList } from "./tasks";

describe("the worker's crontab", () => {
  it("parses, and names only tasks the worker has", () => {
    const items = parseCrontab(CRONTAB);
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(Object.keys(taskList)).toContain(item.task);
  });
});
