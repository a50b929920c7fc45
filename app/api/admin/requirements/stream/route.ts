// Server-Sent Events for the requirements dashboard. Fed by PostgreSQL LISTEN, so a booking paid through
// any app instance reaches every open dashboard. Streams end after a while; the browser reconnects, which
// checks the session again.
import { staffRoute } from "@/lib/auth/guard";
import { subscribeLive, type LiveEvent } from "@/lib/requirements/live";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const HEARTBEAT_MS = 20_000;
const MAX_STREAM_MS = 10 * 60_000;

export const GET = staffRoute(["admin"], async (req) => {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      const write = (chunk: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(chunk));
        } catch {
          cleanup();
        }
      };
      const unsubscribe = await subscribeLive((e: LiveEvent) => write(`event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`));
      const heartbeat = setInterval(() => write(": keep-alive\n\n"), HEARTBEAT_MS);
      const expiry = setTimeout(() => cleanup(), MAX_STREAM_MS);
      cleanup = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        clearTimeout(expiry);
        unsubscribe();
        try {
          controller.close();
        } catch {
          // Already closed by the client.
        }
      };
      req.signal.addEventListener("abort", () => cleanup());
      // Sent once listening has started: from here on nothing committed is missed.
      write(`retry: 3000\nevent: ready\ndata: {}\n\n`);
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
});
