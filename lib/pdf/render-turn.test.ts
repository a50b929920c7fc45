import { Piscina, type TaskQueue } from "piscina";
import { describe, expect, it } from "vitest";
import { inRenderTurn, renderTurnNow, TurnQueue, WARM_UP_TURN, withTurn, type RenderTurn } from "./render-turn";

type Queued = Parameters<TaskQueue["push"]>[0];

// Piscina hands its queue an object whose queue options are those of the task submitted.
const queued = (name: string, turn?: RenderTurn) => ({ name, [Piscina.queueOptionsSymbol]: turn ? { turn } : null }) as unknown as Queued;
const names = (q: TurnQueue) => {
  const out: string[] = [];
  for (let t = q.shift(); t; t = q.shift()) out.push((t as unknown as { name: string }).name);
  return out;
};

describe("the PDF threads' queue", () => {
  it("gives the earliest turn first: priority, then when the work was first asked for, then arrival", () => {
    const q = new TurnQueue();
    q.push(queued("warm-up", WARM_UP_TURN));
    q.push(queued("second payer's tickets", { priority: 0, since: 2_000 }));
    q.push(queued("staff notice", { priority: 10, since: 500 }));
    q.push(queued("first payer's invoice", { priority: 0, since: 1_000 }));
    q.push(queued("second payer's email", { priority: 0, since: 2_000 }));
    q.push(queued("first payer's email", { priority: 0, since: 1_000 }));
    q.push(queued("a download", { priority: -1, since: 9_000 }));
    expect(q.size).toBe(7);
    expect(names(q)).toEqual([
      "a download", "first payer's invoice", "first payer's email", "second payer's tickets", "second payer's email", "staff notice", "warm-up",
    ]);
    expect(q.size).toBe(0);
    expect(q.shift()).toBeNull();
  });

  it("takes out a task that was given up (a timeout), and nothing else", () => {
    const q = new TurnQueue();
    const [a, b, c] = ["a", "b", "c"].map((n) => queued(n, { priority: 0, since: 1 }));
    [a, b, c].forEach((t) => q.push(t));
    q.remove(b);
    q.remove(queued("never queued"));
    expect(names(q)).toEqual(["a", "c"]);
  });

  it("labels work with its job's turn, or outside a job as asked for now, before any job's", async () => {
    const turn = { priority: 0, since: 1_234 };
    const inJob = await inRenderTurn(turn, async () => {
      await Promise.resolve();
      return withTurn({ kind: "tickets" });
    });
    const label = (task: object) => (task as Record<symbol, { turn: RenderTurn }>)[Piscina.queueOptionsSymbol].turn;
    expect(label(inJob)).toEqual(turn);
    // What the thread receives is a structured clone, which leaves out a symbol's property.
    expect(structuredClone(inJob)).toStrictEqual({ kind: "tickets" });
    const before = Date.now();
    const outside = renderTurnNow();
    expect(outside.priority).toBe(-1);
    expect(outside.since).toBeGreaterThanOrEqual(before);
  });
});
