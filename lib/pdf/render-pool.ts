// Renders PDFs in worker threads (piscina), so a burst of documents never blocks the thread that answers
// requests. The worker (components/pdf/render-worker.mjs) is plain JavaScript loaded from the source tree,
// outside Next's bundle; each thread registers the fonts and reads the logo once.
//
// One thread per core, each at a lower scheduling priority (PDF_RENDER_NICE): a burst of payments renders
// on every core that is idle, and whenever a request needs a core the request thread gets it first, so pages
// stay as fast during the burst as before it.
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Piscina } from "piscina";
import { env } from "@/lib/env";
import type { EmailTemplateName } from "@/emails/registry";
import type { RenderedEmail } from "@/lib/email/render-html";
import type { PdfTask } from "./tasks";
import { TurnQueue, WARM_UP_TURN, withTurn } from "./render-turn";
import { log } from "@/lib/log";

// Found from this module's own place in the source tree. Not written as `new URL("…", import.meta.url)`:
// Next's bundler would copy the worker file alone into its output, away from the documents it imports. In
// the server bundle import.meta.url still names this source file (resolved at run time), so this works under
// `next start`, `next dev`, vitest and tsx alike.
const WORKER_FILE = pathToFileURL(
  path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "components", "pdf", "render-worker.mjs"),
).href;

const PDF_YOUNG_GENERATION_MB = 96;

// Kept on globalThis so the development server's module reloads reuse the same threads.
const holder = globalThis as unknown as { turnoutPdfPool?: Piscina };

export function pdfThreads(): number {
  // Capped by default: each thread holds its own copy of the documents and fonts.
  return env().PDF_RENDER_THREADS || Math.min(availableParallelism(), 8);
}

function pool(): Piscina {
  if (!holder.turnoutPdfPool) {
    const threads = pdfThreads();
    holder.turnoutPdfPool = new Piscina({
      filename: WORKER_FILE,
      minThreads: threads,
      maxThreads: threads,
      // Threads stay up: starting one compiles the documents again.
      idleTimeout: Infinity,
      // A document allocates tens of megabytes of short-lived objects (layout nodes, glyph runs): with V8's
      // default young generation they are scavenged many times per document and much survives into the
      // old generation. A larger one halves the garbage collector's share of a burst.
      resourceLimits: { maxYoungGenerationSizeMb: PDF_YOUNG_GENERATION_MB },
      // Read by each thread as it starts (render-worker.mjs).
      workerData: { nice: env().PDF_RENDER_NICE, idle: env().BACKGROUND_THREAD_POLICY === "idle" },
      // Earliest turn first (render-turn.ts): a confirmation's email is not drawn after everyone else's documents.
      taskQueue: new TurnQueue(),
    });
    // A thread that cannot start (a missing file, say) must be seen in the log, not just stall renders.
    holder.turnoutPdfPool.on("error", (err) => log.error({ err }, "PDF render thread failed"));
  }
  return holder.turnoutPdfPool;
}

// A document takes well under a second; one still unfinished after this is abandoned, so that its caller
// (a job that will be retried, a download) fails instead of waiting for ever.
const RENDER_TIMEOUT_MS = 60_000;

/** The PDF bytes of one document. */
export async function renderPdf(task: PdfTask): Promise<Buffer> {
  const bytes = (await pool().run(withTurn(task), { signal: AbortSignal.timeout(RENDER_TIMEOUT_MS) })) as Uint8Array;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** An email's HTML and text parts, drawn on a render thread from its template's name and props. */
export async function renderEmailOnThread(template: EmailTemplateName, props: Record<string, unknown>): Promise<RenderedEmail> {
  return (await pool().run(withTurn({ kind: "email", template, props } satisfies PdfTask), { signal: AbortSignal.timeout(RENDER_TIMEOUT_MS) })) as RenderedEmail;
}

/**
 * Starts the threads and warms them: each loads the documents and fonts and draws a round of sample documents,
 * which is what this waits for. The other rounds (PDF_WARM_UP_ROUNDS in all) follow in the background, one per
 * thread at a time, so a real document never queues behind more than one round. V8 compiles the layout code
 * fully only after many rounds: after ten it still optimised about 400 functions (and dropped 170 optimisations)
 * over the next forty, and on a burst of payments soon after a start that compiling took a third of the CPU.
 * With 32 rounds each burst of 40 payments still had 250 to 350 functions optimised (`--trace-opt`), second and
 * third bursts included; with 200 the second and third had none.
 */
export function warmPdfPool(): Promise<void> {
  return warm(env().PDF_WARM_UP_ROUNDS);
}

/** Starts the threads with one warm-up round (documents and fonts loaded): for threads that draw the odd download. */
export function startPdfPool(): Promise<void> {
  return warm(1);
}

async function warm(rounds: number): Promise<void> {
  const threads = pdfThreads();
  const p = pool(); // this pool only: once closed, the rounds left stop instead of starting a new one
  const logoPath = env().SELLER_LOGO_PATH;
  const draw = (first: number) => Promise.all(Array.from({ length: threads }, (_, i) =>
    p.run(withTurn({ kind: "warm-up", round: first + i, logoPath } satisfies PdfTask, WARM_UP_TURN))));
  await draw(0);
  void (async () => {
    for (let r = 1; r < rounds; r++) await draw(r * threads);
  })().catch(() => undefined); // the pool was closed meanwhile
}

/** Stops the threads (scripts and tests that must exit). */
export async function closePdfPool(): Promise<void> {
  const p = holder.turnoutPdfPool;
  holder.turnoutPdfPool = undefined;
  await p?.destroy();
}
