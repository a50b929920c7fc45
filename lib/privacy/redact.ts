// Redaction of copies of a person's data kept in history: change snapshots, audit entries, email bodies sent to
// others, webhook payloads. The record keeps its shape (what changed, when, by whom); the person's values give way
// to the erasure's tombstone, as on the rows themselves (lib/privacy/erase.ts).
import { normaliseEmail } from "./person";

/** Stands for a personal value that has no tombstone of its own: free text, answers, a need's label. */
export const REDACTED = "(erased)";

export type PersonTraces = {
  /** The person's places (booking_attendees ids): snapshots of them are theirs whatever name they carried then. */
  attendeeIds: ReadonlySet<string>;
  /** Every address the person went by, normalised. */
  emails: ReadonlySet<string>;
  /** Names they went by: replaced by the tombstone's name wherever they appear in text. */
  names: readonly string[];
  /** Other values they gave (phone numbers, organisation, address lines, VAT id): replaced by REDACTED in text. */
  values: readonly string[];
  tombstone: { name: string; firstName: string; lastName: string; email: string };
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
// Email bodies are HTML: a name with an apostrophe or ampersand is stored escaped.
const htmlForms = (s: string) => [s, s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;"),
  s.replace(/&/g, "&amp;").replace(/'/g, "&#x27;"), s.replace(/&/g, "&amp;").replace(/'/g, "&#39;")];

type Pattern = { re: RegExp; by: string };
const compiled = new WeakMap<PersonTraces, Pattern[]>();

/** Each lower-case form of the person's values, with what replaces it. */
function replacementsOf(t: PersonTraces): Map<string, string> {
  const pairs = new Map<string, string>();
  for (const e of t.emails) for (const f of htmlForms(e)) pairs.set(f.toLowerCase(), t.tombstone.email);
  for (const [list, by] of [[t.names, t.tombstone.name], [t.values, REDACTED]] as const) {
    for (const v of list) {
      const s = v.trim();
      // Too short to tell apart from ordinary words.
      if (s.length < 3) continue;
      for (const f of htmlForms(s)) if (!pairs.has(f.toLowerCase())) pairs.set(f.toLowerCase(), by);
    }
  }
  return pairs;
}

function patternsOf(t: PersonTraces): Pattern[] {
  let found = compiled.get(t);
  if (found) return found;
  const pairs = replacementsOf(t);
  // Longest first: "Sam Private" before "Sam", an address before the name inside it.
  found = [...pairs].sort(([a], [b]) => b.length - a.length).map(([s, by]) => ({
    re: new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(s)}(?![\\p{L}\\p{N}])`, "giu"), by,
  }));
  compiled.set(t, found);
  return found;
}

/**
 * Lower-case strings any text naming the person contains (SQL `like` finds the candidate rows cheaply; `mentions`
 * and `redactJson` then decide exactly).
 */
export function searchTerms(t: PersonTraces): string[] {
  return [...replacementsOf(t).keys()];
}

/** Whether the text names the person (an address, a name, a phone number they gave). */
export function mentions(text: string | null | undefined, t: PersonTraces): boolean {
  if (!text) return false;
  return patternsOf(t).some((p) => { p.re.lastIndex = 0; return p.re.test(text); });
}

/** The text with each of the person's values replaced by their tombstone. */
export function redactText(text: string, t: PersonTraces): string {
  let out = text;
  for (const p of patternsOf(t)) out = out.replace(p.re, p.by);
  return out;
}

/**
 * A snapshot is the person's when it carries one of their addresses, or is of one of their places with no address
 * or with their name (a place handed to someone else earlier shows that other person: theirs stays).
 */
function isTheirs(o: Record<string, unknown>, t: Pick<PersonTraces, "attendeeIds" | "emails" | "names">): boolean {
  if (typeof o.email === "string" && t.emails.has(normaliseEmail(o.email))) return true;
  if (typeof o.attendeeId !== "string" || !t.attendeeIds.has(o.attendeeId)) return false;
  if (typeof o.email !== "string") return true;
  const name = `${o.firstName} ${o.lastName}`.toLowerCase();
  return t.names.some((n) => n.toLowerCase() === name);
}

const CONTACT_FIELDS = ["contactName", "contactEmail", "contactPhone", "organisation", "billingLine1", "billingLine2", "billingCity",
  "billingPostalCode", "billingCountry", "vatId"];
// A need copied with a place: its label and category say what the need was, which is health data.
const NEED_FIELDS = ["label", "details", "category", "priority"];

/** Their needs and answers: the entries stay (a need or an answer was there, and which), their contents go. */
function eraseContents(v: unknown): unknown {
  if (v === null || v === undefined) return v;
  if (Array.isArray(v)) return v.map(eraseContents);
  if (!isObject(v)) return REDACTED;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === "id" || k.endsWith("Id") ? x : eraseContents(x)]));
}

function contactValue(k: string, t: PersonTraces): unknown {
  if (k === "contactName") return t.tombstone.name;
  if (k === "contactEmail") return t.tombstone.email;
  if (k === "contactPhone") return "";
  return null;
}

function redactValue(v: unknown, t: PersonTraces): unknown {
  if (typeof v === "string") return redactText(v, t);
  if (Array.isArray(v)) return v.map((x) => redactValue(x, t));
  if (!isObject(v)) return v;
  const own = isTheirs(v, t);
  const place = "attendeeId" in v || "firstName" in v;
  const booked = typeof v.contactEmail === "string" && t.emails.has(normaliseEmail(v.contactEmail));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (own && k === "firstName") out[k] = t.tombstone.firstName;
    else if (own && k === "lastName") out[k] = t.tombstone.lastName;
    else if (own && k === "name" && typeof x === "string") out[k] = t.tombstone.name;
    // A place's address goes, as on the place; anything else of theirs keeps the tombstone's.
    else if (own && k === "email") out[k] = x === null || place ? null : t.tombstone.email;
    else if (own && NEED_FIELDS.includes(k) && x !== null) out[k] = REDACTED;
    else if (own && (k === "requirements" || k === "answers")) out[k] = eraseContents(x);
    // A booking they made, as the booking itself is left: tombstone contact, no billing details.
    else if (booked && CONTACT_FIELDS.includes(k)) out[k] = x === null ? null : contactValue(k, t);
    else out[k] = redactValue(x, t);
  }
  return out;
}

/**
 * A JSON copy with the person's values replaced: objects that are theirs (a snapshot of one of their places, or
 * with one of their addresses) keep their keys with the tombstone's name and no address, their needs and answers
 * erased; a booking they made loses its contact and billing details as the booking did; any other text has their
 * values replaced where it names them. Ids, amounts, times, seats and everything else stay.
 */
export function redactJson<T>(value: T, t: PersonTraces): T {
  return redactValue(value, t) as T;
}

/** Whether the JSON holds anything of the person's (so only such rows are rewritten). */
export function jsonMentions(value: unknown, t: PersonTraces): boolean {
  return value !== null && value !== undefined && JSON.stringify(redactJson(value, t)) !== JSON.stringify(value);
}

/**
 * Names, addresses and needs' details the person gave in earlier snapshots of their places (before a change of name or address),
 * so text elsewhere that names them that way is found too.
 */
export function earlierTraces(value: unknown, t: Pick<PersonTraces, "attendeeIds" | "emails" | "names">): { names: string[]; emails: string[]; values: string[] } {
  const names: string[] = [];
  const emails: string[] = [];
  const values: string[] = [];
  const textsIn = (v: unknown): void => {
    if (typeof v === "string") values.push(v);
    else if (Array.isArray(v)) v.forEach(textsIn);
    else if (isObject(v)) Object.values(v).forEach(textsIn);
  };
  const walk = (v: unknown) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!isObject(v)) return;
    if (isTheirs(v, t)) {
      if (typeof v.firstName === "string" && typeof v.lastName === "string") names.push(`${v.firstName} ${v.lastName}`);
      if (typeof v.email === "string") emails.push(normaliseEmail(v.email));
      // What they wrote: a need's details (labels are the templates', shared by everyone; answers may be choices
      // many people share, so they are erased in the snapshots only).
      if (Array.isArray(v.requirements)) v.requirements.forEach((r) => isObject(r) && textsIn(r.details));
    }
    Object.values(v).forEach(walk);
  };
  walk(value);
  return { names, emails, values };
}
