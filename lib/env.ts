// Environment, parsed once with zod. Every variable is documented in README.md.
import { z } from "zod";
import { databaseEnvShape, parseEnvironment } from "@/db/config";

const DEV_SECRET = "turnout-development-secret-change-me";
const SIMULATED_WEBHOOK_SECRET = "whsec_turnout_simulated_checkout";

const schema = z
  .object({
    // DATABASE_URL, DATABASE_POOL_MAX, DATABASE_PREPARE (db/config.ts).
    ...databaseEnvShape,
    // Jobs the worker runs at once in each instance (they mostly wait on the database and the PDF threads).
    JOBS_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(8),
    // Nice value (0 to 19) of the thread that runs the jobs (lib/jobs/job-thread.ts): higher lets the thread
    // answering requests take a core first whenever both want one.
    JOBS_NICE: z.coerce.number().int().min(0).max(19).default(5),
    // Times the job thread composes recent confirmations without sending them as it starts (lib/jobs/rehearsal.ts).
    JOBS_REHEARSAL_ROUNDS: z.coerce.number().int().min(0).max(100).default(10),
    // Stripe events applied at once by this process, each on a pooled connection (half the default pool); more
    // wait their turn (lib/payments/webhook-intake.ts).
    STRIPE_WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(5),
    APP_URL: z.string().url().default("http://localhost:3000"),
    APP_SECRET: z.string().min(16, "APP_SECRET must be at least 16 characters").optional(),
    STRIPE_SECRET_KEY: z.string().startsWith("sk_", "STRIPE_SECRET_KEY must start with sk_").optional(),
    STRIPE_WEBHOOK_SECRET: z.string().startsWith("whsec_", "STRIPE_WEBHOOK_SECRET must start with whsec_").optional(),
    HOLD_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
    // What one reward point is worth when a member pays part of a booking with points, in minor units of the
    // booking's currency (1: a point is worth 0.01 EUR, 1 JPY or 0.001 KWD).
    POINT_VALUE_MINOR: z.coerce.number().int().min(1).max(1_000_000).default(1),
    // Places offered to a waiting customer are held for them this many hours before passing to the next.
    WAITLIST_OFFER_HOURS: z.coerce.number().int().min(1).max(336).default(24),
    BALANCE_DUE_DAYS: z.coerce.number().int().min(0).max(365).default(14),
    MAINTENANCE_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
    // Email: real SMTP with SMTP_URL (smtp://user:pass@host:port or smtps://...), else the local outbox.
    SMTP_URL: z.string().regex(/^smtps?:\/\//, "SMTP_URL must start with smtp:// or smtps://").optional(),
    OUTBOX_PUBLIC: z.enum(["true", "false"]).default("false").transform((v) => v === "true"),
    // The local outbox keeps its emails' attachments (to open at /dev/outbox) this many days.
    OUTBOX_ATTACHMENT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(7),
    MAIL_FROM: z.string().min(3).default("Turnout <bookings@turnout.example>"),
    ADMIN_ALERT_EMAILS: z.string().default("")
      .transform((v) => v.split(",").map((e) => e.trim()).filter(Boolean))
      .pipe(z.array(z.email("ADMIN_ALERT_EMAILS must be a comma-separated list of email addresses"))),
    BALANCE_REMINDER_DAYS: z.coerce.number().int().min(0).max(60).default(7),
    // Health and accessibility answers are deleted this many days after their session ends.
    REQUIREMENT_RETENTION_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
    // Invoices: the seller printed on every invoice, and the tax rate in basis points (2000 = 20%).
    SELLER_NAME: z.string().min(1).default("Turnout Training Ltd"),
    SELLER_ADDRESS: z.string().min(1).default("1 Example Street|London|EC1A 1AA|United Kingdom"),
    SELLER_VAT_NUMBER: z.string().optional(),
    SELLER_BANK_DETAILS: z.string().optional(),
    SELLER_LOGO_PATH: z.string().default("public/logo.png"),
    // Public listings (catalogue pages, GET /api/v1/courses, availability) may lag this many seconds behind
    // bookings; booking itself always checks the database. 0 reads live every time.
    CATALOGUE_CACHE_SECONDS: z.coerce.number().min(0).max(60).default(2),
    // Who renders the catalogue pages the page cache keeps (lib/http/page-renderer.ts): "process", a second
    // Next.js server of this instance in a process of its own, at nice PAGE_RENDER_NICE; "self", this server.
    PAGE_RENDERER: z.enum(["process", "self"]).default("process"),
    PAGE_RENDER_NICE: z.coerce.number().int().min(0).max(19).default(5),
    // PDFs are rendered in this many worker threads (0: one per CPU core, at most 8), each at this nice value (0 to 19:
    // higher yields the CPU to the thread answering requests whenever both want it).
    PDF_RENDER_THREADS: z.coerce.number().int().min(0).max(16).default(0),
    PDF_RENDER_NICE: z.coerce.number().int().min(0).max(19).default(5),
    // "idle": the PDF render threads and the job thread run under Linux's SCHED_IDLE policy (lib/thread-entry.mjs):
    // they use cores nothing else wants, and the request thread, PostgreSQL or anything else waking up takes a core
    // from them at once. "nice": their nice values (PDF_RENDER_NICE, JOBS_NICE) alone.
    BACKGROUND_THREAD_POLICY: z.enum(["idle", "nice"]).default("idle"),
    // Rounds of sample documents each render thread draws as it starts (lib/pdf/render-pool.ts).
    PDF_WARM_UP_ROUNDS: z.coerce.number().int().min(1).max(1000).default(200),
    TAX_RATE_BASIS_POINTS: z.coerce.number().int().min(0).max(10000).default(2000),
    PRICES_INCLUDE_TAX: z.enum(["true", "false"]).default("true").transform((v) => v === "true"),
    // The seller's own time zone: the year an invoice number belongs to, dates printed on documents and
    // the days the finance desk filters by.
    FINANCE_TIME_ZONE: z.string().default("Europe/London")
      .refine(validTimeZone, "FINANCE_TIME_ZONE must be an IANA time zone such as Europe/London"),
    // Staff sign-in: magic links expire after MAGIC_LINK_MINUTES; link requests are limited per email and
    // per IP address within SIGNIN_WINDOW_MINUTES (counted in the database, so across app instances).
    MAGIC_LINK_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
    SIGNIN_WINDOW_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
    SIGNIN_LIMIT_PER_EMAIL: z.coerce.number().int().min(1).max(1000).default(5),
    SIGNIN_LIMIT_PER_IP: z.coerce.number().int().min(1).max(10000).default(20),
    // How many reverse proxies stand in front of the app: 0 = clients connect directly (the socket address
    // identifies them); N = the Nth X-Forwarded-For entry from the right does (see lib/auth/client-ip.ts).
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    // Outgoing webhooks: each attempt's timeout, attempts per delivery (retried with exponential backoff by the
    // job queue), and consecutive failed attempts after which an endpoint is disabled and admins emailed.
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60000).default(10000),
    WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(25).default(10),
    WEBHOOK_DISABLE_AFTER_FAILURES: z.coerce.number().int().min(1).max(1000).default(15),
    // Rate limits, counted in PostgreSQL (shared by every instance): the public API per client IP and per API
    // key in each API_RATE_LIMIT_WINDOW_SECONDS; booking creation (places held) per IP and per contact email
    // in each HOLD_LIMIT_WINDOW_MINUTES.
    API_RATE_LIMIT_PER_IP: z.coerce.number().int().min(1).max(1_000_000).default(100),
    API_RATE_LIMIT_PER_KEY: z.coerce.number().int().min(1).max(1_000_000).default(1000),
    API_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86400).default(60),
    // The public API's counts are written to PostgreSQL at most once per this many ms per client and instance
    // (lib/rate-limit/coalesced.ts): with N instances a client may exceed its limit by what N instances let
    // through in that time. 0 writes every request before answering it.
    API_RATE_LIMIT_SYNC_MS: z.coerce.number().int().min(0).max(10_000).default(250),
    HOLD_LIMIT_PER_IP: z.coerce.number().int().min(1).max(1_000_000).default(20),
    HOLD_LIMIT_PER_EMAIL: z.coerce.number().int().min(1).max(1_000_000).default(5),
    HOLD_LIMIT_WINDOW_MINUTES: z.coerce.number().int().min(1).max(1440).default(10),
    // Discount codes refused (unknown, expired, not applicable...) per IP and per booking email in each
    // CODE_GUESS_WINDOW_MINUTES before further codes are not looked up at all: guessing codes is slow.
    CODE_GUESS_LIMIT_PER_IP: z.coerce.number().int().min(1).max(1_000_000).default(10),
    CODE_GUESS_LIMIT_PER_EMAIL: z.coerce.number().int().min(1).max(1_000_000).default(5),
    CODE_GUESS_WINDOW_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
    // Staff pages show times that belong to no venue (audit log, payments) in this zone.
    STAFF_TIME_ZONE: z.string().default("Europe/London")
      .refine(validTimeZone, "STAFF_TIME_ZONE must be an IANA time zone such as Europe/London"),
    // GET /api/metrics answers only with `Authorization: Bearer <METRICS_TOKEN>`; unset, the endpoint is off (404).
    METRICS_TOKEN: z.string().min(16, "METRICS_TOKEN must be at least 16 characters").optional(),
  })
  .superRefine((v, ctx) => {
    if (v.STRIPE_SECRET_KEY && !v.STRIPE_WEBHOOK_SECRET)
      ctx.addIssue({ code: "custom", path: ["STRIPE_WEBHOOK_SECRET"], message: "required when STRIPE_SECRET_KEY is set" });
    if (v.STRIPE_SECRET_KEY && !v.APP_SECRET)
      ctx.addIssue({ code: "custom", path: ["APP_SECRET"], message: "required when STRIPE_SECRET_KEY is set" });
    // Checkout charges the catalogue price as it is, so an invoice adding tax on top would ask for more
    // than the customer paid. Net prices need the checkout to add the tax first.
    if (!v.PRICES_INCLUDE_TAX && v.TAX_RATE_BASIS_POINTS > 0)
      ctx.addIssue({
        code: "custom", path: ["PRICES_INCLUDE_TAX"],
        message: "false is only supported with TAX_RATE_BASIS_POINTS=0: checkout charges catalogue prices as they are",
      });
  });

function validTimeZone(tz: string) {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export type Env = z.infer<typeof schema> & {
  APP_SECRET: string;
  STRIPE_WEBHOOK_SECRET: string;
  paymentMode: "stripe" | "simulated";
};

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const v = parseEnvironment(schema);
  cached = {
    ...v,
    APP_URL: v.APP_URL.replace(/\/$/, ""),
    APP_SECRET: v.APP_SECRET ?? DEV_SECRET,
    STRIPE_WEBHOOK_SECRET: v.STRIPE_WEBHOOK_SECRET ?? SIMULATED_WEBHOOK_SECRET,
    paymentMode: v.STRIPE_SECRET_KEY ? "stripe" : "simulated",
  };
  return cached;
}

/** Tests change process.env between cases; this forgets the parsed copy. */
export function resetEnvForTests() {
  cached = undefined;
}
