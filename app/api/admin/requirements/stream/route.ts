// Server-Sent Events for the requirements dashboard. Fed by PostgreSQL LISTEN, so a booking paid through
// any app instance reaches every open dashboard. Streams end after a while; the browser reconnects, which
// checks the session again. While open, the session is checked again before each event and heartbeat, so
// signing out, a disabled account or a changed role stops the stream at once.
import { staffFromRequest, staffRoute } from "@/lib/auth/guard";
import { subscribeLive, type LiveEvent } from "@/lib/requirements/live";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const HEARTBEAT_MS = 20_000;
const MAX_STREAM_MS = 10 * 60_000;
const ROLES = ["admin"] as const;

export const GET = staffRoute(ROLES, async (req) => {
  const encoder = new TextEncoder();
  let closed = false;
  let cleanup = () => {
    closed = true;
  };
  const stillAllowed = async () => {
    const staff = await staffFromRequest(req);
    return Boolean(staff && (ROLES as readonly string[]).includes(staff.role));
  };
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const write = (chunk: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(chunk));
        } catch {
          cleanup();
        }
      };
      // One at a time and in order: each chunk goes out only if the session still holds.
      let queue = Promise.resolve();
      const send = (chunk: string) => {
        queue = queue
          .then(async () => {
            if (closed) return;
            if (await stillAllowed()) write(chunk);
            else cleanup();
          })
          .catch(() => cleanup());
      };
      const unsubscribe = await subscribeLive((e: LiveEvent) => send(`event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`));
      // Cancelled while subscribing: nothing to keep.
      if (closed) {
        unsubscribe();
        return;
      }
      const heartbeat = setInterval(() => send(": keep-alive\n\n"), HEARTBEAT_MS);
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
      if (req.signal.aborted) return cleanup();
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
