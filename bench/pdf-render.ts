// CPU cost of the three PDFs attached to a booking confirmation email (invoice, booking confirmation,
// tickets) for a three-attendee booking, rendered one after another on this thread: `npx tsx bench/pdf-render.ts`.
// PDF_BENCH_RUNS (default 30) rounds of the three after PDF_BENCH_WARMUP (default 10) rounds; prints the mean and median
// ms per document, wall clock and CPU time of the process; PDF_BENCH_ONLY=tickets (comma-separated) picks documents.
// PDF_BENCH_VARIED=1 draws a different made-up booking each round (names, reference, 1 to 4 attendees), as a burst
// of real payments does, instead of the same one; PDF_BENCH_JSON=1 prints the results as one line of JSON (the
// payment burst's figure uses it as its same-run reference). Add `--cpu-prof`
// (`node --cpu-prof --import tsx bench/pdf-render.ts`) to see where time goes.
import { performance } from "node:perf_hooks";
import { SAMPLE_TASKS, sampleTasks } from "@/components/pdf/sample-tasks";

// React's production build, as under `next start` (the render threads inherit the server's environment).
(process.env as Record<string, string | undefined>).NODE_ENV ??= "production";
const { renderDocument } = await import("@/components/pdf/render-document");

const runs = Number(process.env.PDF_BENCH_RUNS ?? 30);
const warmup = Number(process.env.PDF_BENCH_WARMUP ?? 10);
const only = process.env.PDF_BENCH_ONLY?.split(",").map((s) => s.trim());
const varied = process.env.PDF_BENCH_VARIED === "1";
const json = process.env.PDF_BENCH_JSON === "1";

async function main() {
  // Round `i`'s documents: the measured sample each time, or another booking each round.
  const round = (i: number) => Object.entries(varied ? sampleTasks(i + 1) : SAMPLE_TASKS).filter(([name]) => !only || only.includes(name));
  const chosen = round(0);
  for (let i = 0; i < warmup; i++) for (const [, task] of round(runs + i)) await renderDocument(task);
  // Bytes of the documents measured, summed over the rounds (their sizes differ when the bookings do).
  const bytes = new Map<string, number>(chosen.map(([name]) => [name, 0]));
  // Round after round of every document, so a busy moment on a shared machine weighs on each alike.
  const times = new Map<string, number[]>(chosen.map(([name]) => [name, []]));
  const cpu = new Map<string, number>(chosen.map(([name]) => [name, 0]));
  for (let i = 0; i < runs; i++) {
    for (const [name, task] of round(i)) {
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const pdf = (await renderDocument(task)) as Uint8Array;
      times.get(name)!.push(performance.now() - t0);
      bytes.set(name, bytes.get(name)! + pdf.byteLength);
      const used = process.cpuUsage(cpu0);
      cpu.set(name, cpu.get(name)! + (used.user + used.system) / 1000);
    }
  }
  const results = chosen.map(([name]) => {
    const t = times.get(name)!.sort((a, b) => a - b);
    return {
      document: name, meanMs: +(t.reduce((a, b) => a + b, 0) / runs).toFixed(1), medianMs: +t[Math.floor(runs / 2)].toFixed(1),
      cpuMs: +(cpu.get(name)! / runs).toFixed(1), kb: +(bytes.get(name)! / runs / 1024).toFixed(1),
    };
  });
  const sum = (k: "meanMs" | "medianMs" | "cpuMs") => results.reduce((a, r) => a + r[k], 0).toFixed(1);
  if (json) {
    console.log(JSON.stringify({ documents: results, together: { meanMs: Number(sum("meanMs")), cpuMs: Number(sum("cpuMs")) } }));
    return;
  }
  console.table(results);
  console.log(`together: ${sum("meanMs")} ms wall (medians ${sum("medianMs")}), ${sum("cpuMs")} ms CPU; mean of ${runs} rounds after ${warmup} warm-up`);
}

await main();
