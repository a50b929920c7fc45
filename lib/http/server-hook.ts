// The one way this app steps in before Next.js sees a request: a handler wrapped around the "request" event of
// every HTTP server in the Node process (Next's own included). Installed from instrumentation.ts; a handler
// either answers the request itself or calls `next()` to pass it on. Handlers installed later run first.
import http, { type IncomingMessage, type ServerResponse } from "node:http";

export type RequestHook = (req: IncomingMessage, res: ServerResponse, next: () => boolean) => boolean;

const installed = globalThis as unknown as { turnoutRequestHooks?: Set<string> };

/** Installs `hook` once per process under `name` (module reloads and several bundles install it once). */
export function hookRequests(name: string, hook: RequestHook) {
  const names = (installed.turnoutRequestHooks ??= new Set());
  if (names.has(name)) return;
  names.add(name);
  const emit = http.Server.prototype.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event !== "request") return emit.apply(this, [event, ...args]);
    return hook(args[0] as IncomingMessage, args[1] as ServerResponse, () => emit.apply(this, [event, ...args]));
  } as typeof http.Server.prototype.emit;
}
