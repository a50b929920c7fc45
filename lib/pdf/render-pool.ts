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
import { log } from "@/lib/log";

// Found from this module's own place in the source tree. Not written as `new URL("…", import.meta.url)`:
// Next's bundler would copy the worker file alone into its output, away from the documents it imports. In
// the server bundle import.meta.url still names this source file (resolved at run time), so this works under
// `next start`, `next dev`, vitest and tsx alike.
const WORKER_FILE = pathToFileURL(
  path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "components", "pdf", "render-worker.mjs"),
).href;

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
      // Read by each thread as it starts (render-worker.mjs).
      workerData: { nice: env().PDF_RENDER_NICE },
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
  const bytes = (await pool().run(task, { signal: AbortSignal.timeout(RENDER_TIMEOUT_MS) })) as Uint8Array;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** An email's HTML and text parts, drawn on a render thread from its template's name and props. */
export async function renderEmailOnThread(template: EmailTemplateName, props: Record<string, unknown>): Promise<RenderedEmail> {
  return (await pool().run({ kind: "email", template, props } satisfies PdfTask, { signal: AbortSignal.timeout(RENDER_TIMEOUT_MS) })) as RenderedEmail;
}

/** Starts the threads; each loads the documents and fonts and draws samples once, so the first real document is fast. */
export async function warmPdfPool(): Promise<void> {
  await Promise.all(Array.from({ length: pdfThreads() }, () => pool().run({ kind: "warm-up", logoPath: env().SELLER_LOGO_PATH } satisfies PdfTask)));
}

/** Stops the threads (scripts and tests that must exit). */
export async function closePdfPool(): Promise<void> {
  const p = holder.turnoutPdfPool;
  holder.turnoutPdfPool = undefined;
  await p?.destroy();
}
