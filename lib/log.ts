// Structured logs: one JSON object per line on stdout (pino), each carrying the request id of the request
// it belongs to and, where known, the booking reference. Personal and health data never reach a line: the
// fields that could hold them are redacted whatever object they sit in.
import { AsyncLocalStorage } from "node:async_hooks";
import pino, { type DestinationStream, type Logger } from "pino";
export { requestIdFrom } from "@/lib/http/request-id";

export type LogContext = { requestId: string; bookingReference?: string };

// One store per process, not per bundle: the server hook that starts a request and the route code that
// logs in it may be compiled into different bundles.
const holder = globalThis as unknown as { turnoutLogContext?: AsyncLocalStorage<LogContext>; turnoutLogger?: Logger; turnoutAccessLogger?: Logger };
const contextStore = (holder.turnoutLogContext ??= new AsyncLocalStorage<LogContext>());

// Fields that may carry a name, an address, a phone number or a health need, at the top of a log object
// and one level down (`{ booking: { contactEmail } }`).
const SENSITIVE_KEYS = [
  "email", "contactEmail", "toAddress", "to", "name", "contactName", "firstName", "lastName", "phone", "contactPhone",
  "organisation", "needs", "requirements", "details", "answers", "notes", "billingLine1", "billingLine2",
  "billingPostalCode", "collectedBy", "authorization", "cookie",
];
export const REDACTED_PATHS = [...SENSITIVE_KEYS, ...SENSITIVE_KEYS.map((k) => `*.${k}`)];

const LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

function levelFromEnv(): string {
  const raw = process.env.LOG_LEVEL?.toLowerCase();
  if (raw && (LEVELS as readonly string[]).includes(raw)) return raw;
  return process.env.NODE_ENV === "test" ? "silent" : "info";
}

/**
 * A logger writing to `destination` (stdout by default); exported for tests that read its lines. `redact:
 * false` only for lines whose fields are fixed and never personal (the access log): looking for the sensitive
 * fields costs several times what writing a short line does.
 */
export function createLogger(destination?: DestinationStream, level = levelFromEnv(), options: { redact?: boolean } = {}): Logger {
  return pino({
    level,
    // A page renderer (lib/http/page-renderer.ts) says so on each of its lines.
    base: process.env.TURNOUT_ROLE ? { service: "turnout", role: process.env.TURNOUT_ROLE } : { service: "turnout" },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    ...(options.redact === false ? {} : { redact: { paths: REDACTED_PATHS, censor: "[redacted]" } }),
    mixin() {
      const ctx = contextStore.getStore();
      if (!ctx) return {};
      return ctx.bookingReference ? { requestId: ctx.requestId, bookingReference: ctx.bookingReference } : { requestId: ctx.requestId };
    },
  }, destination);
}

/** The process's logger. */
export const log: Logger = (holder.turnoutLogger ??= createLogger());

/**
 * The line each answered request writes (lib/http/request-observer.ts): method, route label, status and time,
 * with the request id, and nothing a caller sent, so nothing to redact.
 */
export const accessLog: Pick<Logger, "info" | "error"> = (holder.turnoutAccessLogger ??= createLogger(undefined, undefined, { redact: false }));

/** Runs `fn` with `ctx` attached to every line logged inside it, across awaits. */
export function withLogContext<T>(ctx: LogContext, fn: () => T): T {
  return contextStore.run(ctx, fn);
}

export function currentRequestId(): string | undefined {
  return contextStore.getStore()?.requestId;
}

/** From here on, lines of the current request name this booking. */
export function logBookingReference(reference: string) {
  const ctx = contextStore.getStore();
  if (ctx) ctx.bookingReference = reference;
}
