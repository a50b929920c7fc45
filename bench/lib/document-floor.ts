// The payment burst's same-run reference: what drawing its confirmations' documents (invoice, booking
// confirmation, tickets) alone takes on this machine at this moment, with every core drawing and nothing else of
// ours running. It runs bench/pdf-render.ts in one process per core, all at once, with the server's V8 options
// and a different made-up booking each round (as a burst's payments are), after warm-up rounds. A burst cannot
// finish sooner than its confirmations' documents drawn that way, and a machine whose cores slow each other
// down when all are busy (two of them sharing one physical core, say) is slow at both.
import { execFile } from "node:child_process";
import os from "node:os";
import { promisify } from "node:util";
import { SERVER_NODE_FLAGS } from "@/lib/setup/next-server";
import { root } from "./app";

/**
 * Wall-clock ms of one confirmation's three documents on one thread while every core draws them, or null when
 * they could not be drawn (the reason is printed).
 */
export async function documentFloorMs(): Promise<number | null> {
  const draw = () => promisify(execFile)(process.execPath, [...SERVER_NODE_FLAGS, "--import", "tsx", "bench/pdf-render.ts"], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", PDF_BENCH_VARIED: "1", PDF_BENCH_JSON: "1", PDF_BENCH_RUNS: "20", PDF_BENCH_WARMUP: "60" },
  }).then(({ stdout }) => (JSON.parse(stdout.trim().split("\n").at(-1)!) as { together: { meanMs: number } }).together.meanMs);
  try {
    const each = await Promise.all(Array.from({ length: os.cpus().length }, draw));
    return each.reduce((a, b) => a + b, 0) / each.length;
  } catch (err) {
    console.error("the documents' reference could not be measured:", err);
    return null;
  }
}
