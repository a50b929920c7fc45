// The TCP peer's address, carried from the socket to route handlers and server actions. Next.js fills
// X-Forwarded-For with the socket address only when the request has none (`??=`), so a client that sends
// its own X-Forwarded-For hides the socket address from the app. The Node server process stamps every
// request with the socket address under a header name chosen at random per process: a client cannot know
// the name, so cannot supply or overwrite it.
import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { hookRequests } from "./server-hook";

const store = globalThis as unknown as { turnoutPeerHeader?: string };

/** The per-process header name that carries the socket address (shared by every bundle in the process). */
export function peerAddressHeader(): string {
  store.turnoutPeerHeader ??= `x-turnout-peer-${randomBytes(12).toString("hex")}`;
  return store.turnoutPeerHeader;
}

/** Writes the socket's address onto the request, replacing anything already under that name. */
export function stampPeerAddress(req: IncomingMessage) {
  const name = peerAddressHeader();
  const address = req.socket?.remoteAddress;
  if (address) req.headers[name] = address;
  else delete req.headers[name];
}

/**
 * Stamps every request any HTTP server in this process receives, before its handlers run. Called once
 * from instrumentation.ts at start-up; requests that arrive before then carry no stamp (address unknown).
 */
export function installPeerAddressStamp() {
  hookRequests("peer-address", (req, _res, next) => {
    stampPeerAddress(req);
    return next();
  });
}
