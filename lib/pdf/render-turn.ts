// The order in which the PDF threads take their work: whoever has waited longest goes first.
//
// A confirmation email asks for its documents, then, once they are drawn, for its own HTML. With several
// confirmations under way and the threads' queue first come, first served, that last small task queued
// behind every other confirmation's documents, so the first customer to pay got their email about when the
// last one did. Each piece of work instead carries its turn: the job it belongs to (its priority, then when
// it was queued) or, outside a job, the moment it was asked for. The threads always take the earliest turn.
import { AsyncLocalStorage } from "node:async_hooks";
import { Piscina, type TaskQueue } from "piscina";

/** Lower goes first: the job queue's priority (lib/jobs/enqueue.ts), then the time the work was first asked for. */
export type RenderTurn = { priority: number; since: number };

const current = new AsyncLocalStorage<RenderTurn>();

/** Runs `fn` with every render it asks for in `turn` (a job's priority and creation time). */
export function inRenderTurn<T>(turn: RenderTurn, fn: () => Promise<T>): Promise<T> {
  return current.run(turn, fn);
}

/** Warm-up rounds wait for every real document. */
export const WARM_UP_TURN: RenderTurn = { priority: Number.MAX_SAFE_INTEGER, since: 0 };

/** The turn of work asked for now: its job's, or, outside a job (a download someone waits for), first of all. */
export function renderTurnNow(): RenderTurn {
  return current.getStore() ?? { priority: -1, since: Date.now() };
}

type Queued = Parameters<TaskQueue["push"]>[0];

function turnOf(task: Queued): RenderTurn {
  return ((task as unknown as Record<symbol, unknown>)[Piscina.queueOptionsSymbol] as { turn?: RenderTurn } | null)?.turn ?? { priority: -1, since: 0 };
}

/** Piscina's queue, kept in turn order; work of the same turn stays first come, first served. */
export class TurnQueue implements TaskQueue {
  private readonly tasks: { task: Queued; turn: RenderTurn; seq: number }[] = [];
  private seq = 0;

  get size() {
    return this.tasks.length;
  }

  push(task: Queued) {
    const entry = { task, turn: turnOf(task), seq: this.seq++ };
    // After every entry that goes before it or ties with it (binary search; the queue is short but may grow).
    let lo = 0;
    let hi = this.tasks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (order(entry, this.tasks[mid]) < 0) hi = mid;
      else lo = mid + 1;
    }
    this.tasks.splice(lo, 0, entry);
  }

  shift(): Queued | null {
    return this.tasks.shift()?.task ?? null;
  }

  remove(task: Queued) {
    const at = this.tasks.findIndex((e) => e.task === task);
    if (at >= 0) this.tasks.splice(at, 1);
  }
}

function order(a: { turn: RenderTurn; seq: number }, b: { turn: RenderTurn; seq: number }) {
  return a.turn.priority - b.turn.priority || a.turn.since - b.turn.since || a.seq - b.seq;
}

/** A copy of `task` labelled with its turn for the TurnQueue (a symbol's property is not sent to the thread). */
export function withTurn<T extends object>(task: T, turn: RenderTurn = renderTurnNow()): T {
  return { ...task, [Piscina.queueOptionsSymbol]: { turn } };
}
