// How the Next.js server process is started (npm start, npm run dev, the end-to-end tests' servers, the
// benchmark): `next` run by this Node.js, a production server with the garbage collector set for a process
// whose request thread shares a few cores with its job and PDF threads.
//
// - `--single-threaded-gc`: each thread collects its own garbage. By default V8's helper threads, shared by
//   every thread of the process and running at the default priority, marked and scavenged for the PDF threads
//   beside the request thread, whatever priority those threads had been given (PDF_RENDER_NICE, JOBS_NICE).
//   In the payment burst bench the helpers then used 25 to 50 ms of CPU per payment; with each thread
//   collecting for itself, at its own priority, 7 to 18, and the server's CPU per payment fell by a fifth.
// - `--heap-growing-percent=100`: a full collection lets the heap grow to twice what it kept before the next
//   one. V8's own factor stayed near 1.2 on the request thread, which then collected in full about once a
//   second while a burst of payments ran, holding pages for 10 to 40 ms each time. The cost is memory: each
//   thread's heap may reach twice its live size. (With single-threaded collection the request thread's full
//   collections, now rarer, also mark on that thread alone, in steps between requests.)
// - `--no-memory-reducer`: V8 collects an idle thread's heap down to what it keeps. The render threads sit idle
//   between bursts of payments, and the first burst after a quiet spell then paid for growing their heaps again:
//   in the payment burst bench, after the read-path figures, the job, webhook and render threads used 27 to 71 %
//   more CPU per payment in the first burst than in the next one, and 4 to 32 % with this option (three runs
//   each on a noisy host, the same build). The cost is memory: a heap is not shrunk while the server is idle,
//   only by the collections its own work brings (each thread's heap stays within twice its live size).
//
// These are V8 options Node.js does not accept in NODE_OPTIONS, hence a command of our own rather than
// `next start`.
import { createRequire } from "node:module";

export const SERVER_NODE_FLAGS: readonly string[] = ["--single-threaded-gc", "--heap-growing-percent=100", "--no-memory-reducer"];

/** The executable and arguments that run `next <mode> ...args`, with SERVER_NODE_FLAGS for a production server. */
export function nextServerCommand(mode: "start" | "dev", args: string[]): { command: string; args: string[] } {
  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  return { command: process.execPath, args: [...(mode === "start" ? SERVER_NODE_FLAGS : []), nextBin, mode, ...args] };
}
