// Who may reach each staff page, layout, route handler and server action. Both the integration test
// (tests/integration/authorization.test.ts) and the end-to-end one (e2e/admin/authorization.spec.ts) read
// this table and compare it with the files on disk: a staff route without an entry here fails them.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export type Role = "admin" | "finance" | "door";
export const BOTH: Role[] = ["admin", "finance"];
export const ADMIN: Role[] = ["admin"];
/** The door page and its endpoints: door staff and admins. */
export const DOOR: Role[] = ["admin", "door"];

/** Real ids from the seeded database, to fill dynamic segments. */
export type Samples = {
  courseId: string; sessionId: string; venueId: string; templateId: string; reference: string; invoiceNumber: string;
  ticketTypeId: string; planId: string; planVenueId: string; webhookEndpointId: string;
  /** A time-slot offering, its location and one of its questions. */
  offeringId: string; locationId: string; questionId: string;
  memberId: string;
};

type Params = (s: Samples) => Record<string, string>;

export const pageMatrix: Record<string, { roles: Role[]; params?: Params }> = {
  "/admin": { roles: BOTH },
  "/admin/requirements": { roles: ADMIN },
  "/admin/sessions": { roles: ADMIN },
  "/admin/sessions/new": { roles: ADMIN },
  "/admin/sessions/[id]": { roles: ADMIN, params: (s) => ({ id: s.sessionId }) },
  "/admin/courses": { roles: ADMIN },
  "/admin/courses/new": { roles: ADMIN },
  "/admin/courses/[id]": { roles: ADMIN, params: (s) => ({ id: s.courseId }) },
  "/admin/venues": { roles: ADMIN },
  "/admin/venues/new": { roles: ADMIN },
  "/admin/venues/[id]": { roles: ADMIN, params: (s) => ({ id: s.venueId }) },
  "/admin/venues/[id]/seating/new": { roles: ADMIN, params: (s) => ({ id: s.venueId }) },
  "/admin/venues/[id]/seating/[planId]": { roles: ADMIN, params: (s) => ({ id: s.planVenueId, planId: s.planId }) },
  "/admin/offerings": { roles: ADMIN },
  "/admin/offerings/new": { roles: ADMIN },
  "/admin/offerings/[id]": { roles: ADMIN, params: (s) => ({ id: s.offeringId }) },
  "/admin/locations/[id]": { roles: ADMIN, params: (s) => ({ id: s.locationId }) },
  "/admin/questions/[id]": { roles: ADMIN, params: (s) => ({ id: s.questionId }) },
  "/admin/ticket-types/new": { roles: ADMIN },
  "/admin/ticket-types/[id]": { roles: ADMIN, params: (s) => ({ id: s.ticketTypeId }) },
  "/admin/requirement-templates": { roles: ADMIN },
  "/admin/requirement-templates/new": { roles: ADMIN },
  "/admin/requirement-templates/[id]": { roles: ADMIN, params: (s) => ({ id: s.templateId }) },
  "/admin/bookings": { roles: BOTH },
  "/admin/bookings/[reference]": { roles: BOTH, params: (s) => ({ reference: s.reference }) },
  "/admin/users": { roles: ADMIN },
  "/admin/audit": { roles: ADMIN },
  "/admin/privacy": { roles: ADMIN },
  "/admin/webhooks": { roles: ADMIN },
  "/admin/webhooks/[id]": { roles: ADMIN, params: (s) => ({ id: s.webhookEndpointId }) },
  "/admin/api-keys": { roles: ADMIN },
  "/admin/check-in": { roles: DOOR },
  "/admin/finance": { roles: BOTH },
  "/admin/finance/credit-notes": { roles: BOTH },
  "/admin/finance/invoices/[number]": { roles: BOTH, params: (s) => ({ number: s.invoiceNumber }) },
  "/admin/discounts": { roles: ADMIN },
  "/admin/discounts/new": { roles: ADMIN },
  "/admin/discounts/generate": { roles: ADMIN },
  "/admin/discounts/rules/new": { roles: ADMIN },
  "/admin/members": { roles: ADMIN },
  "/admin/members/[id]": { roles: ADMIN, params: (s) => ({ id: s.memberId }) },
};

export const layoutMatrix: Record<string, { roles: Role[] }> = {
  "/admin": { roles: BOTH },
  "/admin/finance": { roles: BOTH },
};

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
const recentRange = `from=${day(-300)}&to=${day(60)}`;

/** `query` is what an allowed caller needs for a 200 (a date range, say). */
/**
 * `query` is what an allowed caller needs for a success (a date range, say); `allowedStatus` what an allowed
 * caller gets without a body (a JSON endpoint answers 400 once the role check has passed).
 */
export const routeMatrix: Record<string, { roles: Role[]; methods: string[]; params?: Params; query?: string | ((s: Samples) => string); allowedStatus?: number }> = {
  "/admin/requirements/export/csv": { roles: ADMIN, methods: ["GET"] },
  "/admin/requirements/export/pdf": { roles: ADMIN, methods: ["GET"] },
  "/api/admin/requirements/stream": { roles: ADMIN, methods: ["GET"] },
  "/admin/finance/documents/[number]": { roles: BOTH, methods: ["GET"], params: (s) => ({ number: s.invoiceNumber }) },
  "/admin/finance/export/csv": { roles: BOTH, methods: ["GET"], query: recentRange },
  "/admin/finance/export/zip": { roles: BOTH, methods: ["GET"], query: recentRange },
  "/admin/privacy/export": { roles: ADMIN, methods: ["GET"], query: "email=grace.lee%40example.com" },
  "/admin/analytics/export": { roles: BOTH, methods: ["GET"], query: `figure=sales&${recentRange}&interval=month` },
  "/admin/requirements/export/answers": { roles: ADMIN, methods: ["GET"], query: (s) => `session=${s.sessionId}` },
  "/admin/check-in/arrivals": { roles: DOOR, methods: ["GET"], query: (s) => `session=${s.sessionId}` },
  "/api/admin/check-in/sessions/[id]/manifest": { roles: DOOR, methods: ["GET"], params: (s) => ({ id: s.sessionId }) },
  "/api/admin/check-in/scan": { roles: DOOR, methods: ["POST"], allowedStatus: 400 },
  "/api/admin/check-in/sync": { roles: DOOR, methods: ["POST"], allowedStatus: 400 },
  "/api/admin/check-in/undo": { roles: DOOR, methods: ["POST"], allowedStatus: 400 },
  "/admin/discounts/export/csv": { roles: ADMIN, methods: ["GET"] },
};

/** Keyed `file#export`. Every export of a staff action file is a server action anyone can call. */
export const actionMatrix: Record<string, { roles: Role[] }> = {
  "app/admin/actions.ts#signOut": { roles: BOTH },
  "app/admin/requirements/actions.ts#acknowledgeRequirement": { roles: ADMIN },
  "app/admin/requirements/actions.ts#setChecklistItemDone": { roles: ADMIN },
  "app/admin/requirements/actions.ts#addChecklistItem": { roles: ADMIN },
  "app/admin/requirements/actions.ts#removeChecklistItem": { roles: ADMIN },
  "app/admin/courses/actions.ts#createCourse": { roles: ADMIN },
  "app/admin/courses/actions.ts#updateCourse": { roles: ADMIN },
  "app/admin/courses/actions.ts#archiveCourse": { roles: ADMIN },
  "app/admin/courses/actions.ts#updateCoursePolicy": { roles: ADMIN },
  "app/admin/courses/actions.ts#restoreCourse": { roles: ADMIN },
  "app/admin/sessions/actions.ts#createSession": { roles: ADMIN },
  "app/admin/sessions/actions.ts#updateSession": { roles: ADMIN },
  "app/admin/sessions/actions.ts#cancelSession": { roles: ADMIN },
  "app/admin/sessions/actions.ts#deleteSession": { roles: ADMIN },
  "app/admin/sessions/waitlist-actions.ts#offerWaitlistEntry": { roles: ADMIN },
  "app/admin/sessions/waitlist-actions.ts#moveWaitlistEntryAction": { roles: ADMIN },
  "app/admin/sessions/waitlist-actions.ts#removeWaitlistEntry": { roles: ADMIN },
  "app/admin/venues/actions.ts#createVenue": { roles: ADMIN },
  "app/admin/venues/actions.ts#updateVenue": { roles: ADMIN },
  "app/admin/venues/actions.ts#archiveVenue": { roles: ADMIN },
  "app/admin/venues/actions.ts#restoreVenue": { roles: ADMIN },
  "app/admin/venues/actions.ts#saveVenueAssessment": { roles: ADMIN },
  "app/admin/requirement-templates/actions.ts#createRequirementTemplate": { roles: ADMIN },
  "app/admin/requirement-templates/actions.ts#updateRequirementTemplate": { roles: ADMIN },
  "app/admin/requirement-templates/actions.ts#archiveRequirementTemplate": { roles: ADMIN },
  "app/admin/requirement-templates/actions.ts#restoreRequirementTemplate": { roles: ADMIN },
  "app/admin/users/actions.ts#createStaffUser": { roles: ADMIN },
  "app/admin/users/actions.ts#updateStaffUser": { roles: ADMIN },
  "app/admin/users/actions.ts#disableStaffUser": { roles: ADMIN },
  "app/admin/users/actions.ts#enableStaffUser": { roles: ADMIN },
  "app/admin/privacy/actions.ts#erasePerson": { roles: ADMIN },
  "app/admin/bookings/[reference]/actions.ts#reissueTicket": { roles: ADMIN },
  "app/admin/bookings/[reference]/actions.ts#resendConfirmation": { roles: BOTH },
  "app/admin/bookings/actions.ts#changeBookingSpanAction": { roles: BOTH },
  "app/admin/bookings/actions.ts#changeBookingSeatsAction": { roles: BOTH },
  "app/admin/sessions/actions.ts#setSessionSeatingPlan": { roles: ADMIN },
  "app/admin/sessions/actions.ts#blockSessionSeats": { roles: ADMIN },
  "app/admin/sessions/actions.ts#unblockSessionSeats": { roles: ADMIN },
  "app/admin/sessions/actions.ts#messageSessionBookersAction": { roles: ADMIN },
  "app/admin/venues/actions.ts#importSeatingPlan": { roles: ADMIN },
  "app/admin/venues/actions.ts#createGridSeatingPlan": { roles: ADMIN },
  "app/admin/venues/actions.ts#archiveSeatingPlan": { roles: ADMIN },
  "app/admin/venues/actions.ts#restoreSeatingPlan": { roles: ADMIN },
  "app/admin/venues/actions.ts#deleteSeatingPlan": { roles: ADMIN },
  "app/admin/ticket-types/actions.ts#createTicketType": { roles: ADMIN },
  "app/admin/ticket-types/actions.ts#updateTicketType": { roles: ADMIN },
  "app/admin/ticket-types/actions.ts#moveTicketType": { roles: ADMIN },
  "app/admin/ticket-types/actions.ts#retireTicketType": { roles: ADMIN },
  "app/admin/ticket-types/actions.ts#unretireTicketType": { roles: ADMIN },
  "app/admin/ticket-types/actions.ts#deleteTicketType": { roles: ADMIN },
  "app/admin/finance/actions.ts#refundBookingAction": { roles: BOTH },
  "app/admin/finance/actions.ts#recordOfflinePaymentAction": { roles: BOTH },
  "app/admin/finance/actions.ts#markOfflineRefundPaidAction": { roles: BOTH },
  "app/admin/discounts/actions.ts#createDiscountCodeAction": { roles: ADMIN },
  "app/admin/discounts/actions.ts#generateDiscountCodesAction": { roles: ADMIN },
  "app/admin/discounts/actions.ts#archiveDiscountCodeAction": { roles: ADMIN },
  "app/admin/discounts/actions.ts#createDiscountRuleAction": { roles: ADMIN },
  "app/admin/discounts/actions.ts#setDiscountRuleActiveAction": { roles: ADMIN },
  "app/admin/member-offers/actions.ts#updateMemberOffers": { roles: ADMIN },
  "app/admin/members/actions.ts#createMemberAction": { roles: ADMIN },
  "app/admin/members/actions.ts#importMembersAction": { roles: ADMIN },
  "app/admin/offerings/actions.ts#createSlotOffering": { roles: ADMIN },
  "app/admin/offerings/actions.ts#updateSlotOffering": { roles: ADMIN },
  "app/admin/offerings/actions.ts#addPeakWindow": { roles: ADMIN },
  "app/admin/offerings/actions.ts#removePeakWindow": { roles: ADMIN },
  "app/admin/offerings/actions.ts#createQuestion": { roles: ADMIN },
  "app/admin/offerings/actions.ts#updateQuestion": { roles: ADMIN },
  "app/admin/offerings/actions.ts#archiveQuestion": { roles: ADMIN },
  "app/admin/offerings/actions.ts#restoreQuestion": { roles: ADMIN },
  "app/admin/locations/actions.ts#saveOpeningHours": { roles: ADMIN },
  "app/admin/locations/actions.ts#addClosures": { roles: ADMIN },
  "app/admin/locations/actions.ts#removeClosure": { roles: ADMIN },
  "app/admin/webhooks/actions.ts#createWebhookEndpoint": { roles: ADMIN },
  "app/admin/webhooks/actions.ts#enableWebhookEndpoint": { roles: ADMIN },
  "app/admin/webhooks/actions.ts#disableWebhookEndpoint": { roles: ADMIN },
  "app/admin/webhooks/actions.ts#deleteWebhookEndpoint": { roles: ADMIN },
  "app/admin/webhooks/actions.ts#resendWebhookDelivery": { roles: ADMIN },
  "app/admin/api-keys/actions.ts#createApiKey": { roles: ADMIN },
  "app/admin/api-keys/actions.ts#revokeApiKey": { roles: ADMIN },
};

// Both runners start in the project folder.
const ROOT = process.cwd();

function filesUnder(dir: string): string[] {
  try {
    return (readdirSync(path.join(ROOT, dir), { recursive: true }) as string[]).map((f) => path.posix.join(dir, f.split(path.sep).join("/")));
  } catch {
    return [];
  }
}

/** `app/admin/(x)/courses/[id]/page.tsx` → `/admin/courses/[id]`. */
export function routeOf(file: string): string {
  const segments = file.split("/").slice(1, -1).filter((s) => !/^\(.*\)$/.test(s) && !s.startsWith("@"));
  return `/${segments.join("/")}`;
}

/** Where staff code lives: everything under app/admin, and API routes under app/api/admin. */
const STAFF_DIRS = ["app/admin", "app/api/admin"];

export function discoverPages(): string[] {
  return STAFF_DIRS.flatMap(filesUnder).filter((f) => /\/page\.(tsx|ts|jsx|js)$/.test(f)).map(routeOf).sort();
}

export function discoverLayouts(): string[] {
  return STAFF_DIRS.flatMap(filesUnder).filter((f) => /\/layout\.(tsx|ts|jsx|js)$/.test(f)).map(routeOf).sort();
}

function routeHandlersIn(files: string[]): { route: string; file: string; methods: string[] }[] {
  return files.filter((f) => /\/route\.(ts|js)$/.test(f)).map((file) => {
    const source = readFileSync(path.join(ROOT, file), "utf8");
    const methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"].filter((m) =>
      new RegExp(`export\\s+(const|async\\s+function|function)\\s+${m}\\b|export\\s*\\{[^}]*\\b${m}\\b`).test(source));
    return { route: routeOf(file), file, methods };
  }).sort((a, b) => a.route.localeCompare(b.route));
}

export function discoverRouteHandlers() {
  return routeHandlersIn(STAFF_DIRS.flatMap(filesUnder));
}

/** Where staff server actions may live: the staff directories, and shared code (lib, components). */
const ACTION_DIRS = [...STAFF_DIRS, "lib", "components"];

/** Files marked "use server" under the staff directories and shared code: each of their exports is a callable action. */
export function discoverActionFiles(dirs: string[] = ACTION_DIRS): string[] {
  return dirs.flatMap(filesUnder)
    .filter((f) => /\.(ts|tsx)$/.test(f) && !/\.test\.tsx?$/.test(f))
    .filter((f) => /^(\s*\/\/[^\n]*\n|\s*\/\*[\s\S]*?\*\/)*\s*["']use server["']/.test(readFileSync(path.join(ROOT, f), "utf8")))
    .sort();
}

/**
 * Files anywhere in the app with a "use server" directive inside a function (an inline server action):
 * such an action is callable by anyone, yet no matrix entry could name it, so there must be none.
 */
export function discoverInlineServerActions(): string[] {
  return ["app", "lib", "components"].flatMap(filesUnder)
    .filter((f) => /\.(ts|tsx)$/.test(f) && !/\.test\.tsx?$/.test(f))
    .filter((f) => {
      const source = readFileSync(path.join(ROOT, f), "utf8").replace(/^(\s*\/\/[^\n]*\n|\s*\/\*[\s\S]*?\*\/)*\s*["']use server["'];?/, "");
      return /["']use server["']/.test(source);
    })
    .sort();
}

/** Every route handler in the app (customer, API and staff) with the methods it exports. */
export function discoverAllRouteHandlers() {
  return routeHandlersIn(filesUnder("app"));
}

export function fillParams(route: string, params: Record<string, string> = {}): string {
  return route.replace(/\[(\.\.\.)?([^\]]+)\]/g, (_, _dots, name: string) => encodeURIComponent(params[name] ?? `missing-${name}`));
}

/** The query string of a route entry, filled from the samples where it needs them. */
export function routeQuery(entry: { query?: string | ((s: Samples) => string) }, samples: Samples): string {
  const q = typeof entry.query === "function" ? entry.query(samples) : entry.query;
  return q ? `?${q}` : "";
}
