"use server";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { clientIp } from "@/lib/auth/client-ip";
import { changeBooking, needProblems, type ChangeActor } from "@/lib/booking/change-booking";
import { myBooking } from "@/lib/customer/my-bookings";
import { clearCustomerCookie, currentCustomer, customerCookieToken, setCustomerCookie } from "@/lib/customer/session-cookie";
import { endCustomerSession, requestCustomerSignIn, safeReturnPath, signInWithLink } from "@/lib/customer/sign-in";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/http/route";
import { bookingChangeSchema, customerSignInSchema, type BookingChangeInput } from "@/lib/validations/booking-change";
import { isShortText } from "@/lib/validations/untrusted-input";
import { log } from "@/lib/log";

// The forms' state (components/customer/forms.tsx), with what was sent when problems come back.
import type { FormState } from "@/components/customer/forms";

/** The form's own fields as sent (ticked needs as a list), without the sign-in token or React's own entries. */
function submitted(form: FormData): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys())) {
    if (key === "token" || key.startsWith("$ACTION")) continue;
    const all = form.getAll(key).filter((v): v is string => typeof v === "string");
    values[key] = key === "need" ? all : all[0] ?? "";
  }
  return values;
}

function failure(err: unknown, attempt: number, form?: FormData): FormState {
  const values = form ? submitted(form) : undefined;
  if (err instanceof AppError) {
    const fields = (err.details.fields as Record<string, string> | undefined) ?? {};
    // The fields say what is wrong; "the request is not valid" would only say that something is.
    const error = err.code === "invalid_request" && Object.keys(fields).length ? "Please correct the details below." : err.message;
    return { error, fields, attempt, values };
  }
  log.error({ err }, "action failed");
  return { error: "Something went wrong on our side. Please try again.", attempt, values };
}

/** Emails a sign-in link; the same answer for every address. */
export async function requestLink(prev: FormState, form: FormData): Promise<FormState> {
  const attempt = (prev?.attempt ?? 0) + 1;
  try {
    const { email } = parseInput({ email: form.get("email") }, customerSignInSchema);
    await requestCustomerSignIn(getDb(), { email, ip: clientIp(await headers()) });
  } catch (err) {
    return failure(err, attempt, form);
  }
  redirect("/my-bookings/check-email");
}

/** Spends the link from the email and opens the session (a button press, so mail scanners cannot spend it). */
export async function signInWithToken(prev: FormState, form: FormData): Promise<FormState> {
  const token = form.get("token");
  try {
    if (!isShortText(token, 200)) throw new AppError("link_invalid");
    const s = await signInWithLink(getDb(), token);
    await setCustomerCookie(s.sessionToken, s.expiresAt);
  } catch (err) {
    return failure(err, (prev?.attempt ?? 0) + 1);
  }
  // A member who verified their email from the booking wizard goes back to their booking.
  redirect(safeReturnPath(form.get("next")) ?? "/my-bookings");
}

export async function signOut() {
  await endCustomerSession(getDb(), await customerCookieToken());
  await clearCustomerCookie();
  redirect("/my-bookings");
}

/** The change, made as the signed-in customer: the booker, or an attendee for their own place. */
async function applyChange(reference: unknown, change: BookingChangeInput) {
  const customer = await currentCustomer();
  if (!customer) throw new AppError("unauthorized", {}, "Your session has ended: sign in again to change this booking.");
  if (!isShortText(reference, 40)) throw new AppError("booking_not_found");
  const db = getDb();
  const mine = await myBooking(db, customer, reference);
  if (!mine) throw new AppError("booking_not_found");
  const actor: ChangeActor = mine.role === "booker" ? { kind: "booker", email: customer.email } : { kind: "attendee", email: customer.email };
  const path = `/my-bookings/${mine.detail.booking.reference}`;
  const result = await changeBooking(db, { bookingId: mine.detail.booking.id, actor, change }).catch((err: unknown) => {
    // Places taken meanwhile: the page's places left (a type sold out, a full date) are shown again as they are.
    if (err instanceof AppError && err.code === "insufficient_capacity") revalidatePath(path);
    throw err;
  });
  // The page shows the booking as it now is, with the change in its history.
  revalidatePath(path);
  return result;
}

/** Field paths as the form names its controls: `firstName`, `need-<templateId>-details`. */
function formFields(fields: Record<string, string> | undefined, prefix: RegExp, needs: { templateId: string }[]) {
  return Object.fromEntries(Object.entries(fields ?? {}).map(([k, v]) => {
    const key = k.replace(prefix, "");
    const need = key.match(/^requirements\.(\d+)\./);
    return [need && needs[Number(need[1])] ? `need-${needs[Number(need[1])].templateId}-details` : key, v];
  }));
}

function needsFrom(form: FormData) {
  return form.getAll("need").filter((v): v is string => typeof v === "string")
    .map((templateId) => ({ templateId, details: String(form.get(`details:${templateId}`) ?? "") || undefined }));
}

export async function saveAttendee(prev: FormState, form: FormData): Promise<FormState> {
  const attempt = (prev?.attempt ?? 0) + 1;
  try {
    const change = parseInput({
      attendees: [{
        attendeeId: form.get("attendeeId"), firstName: form.get("firstName"), lastName: form.get("lastName"),
        email: form.get("email") || undefined, requirements: needsFrom(form),
      }],
    }, bookingChangeSchema);
    const r = await applyChange(form.get("reference"), change);
    return { done: r.changeIds.length ? "Saved. We have emailed the updated ticket." : "Nothing had changed.", attempt };
  } catch (err) {
    const state = failure(err, attempt, form)!;
    state.fields = formFields(await withNeedProblems(err, state.fields, needsFrom(form), "attendees.0"), /^attendees\.0\./, needsFrom(form));
    return state;
  }
}

/**
 * A form refused by its schema (a name left empty, say) is not checked further, so its needs' problems (details
 * missing) would only show on the next try: they are added, so every problem is listed at once.
 */
async function withNeedProblems(err: unknown, fields: Record<string, string> | undefined, needs: { templateId: string; details?: string }[], prefix: string) {
  if (!(err instanceof AppError) || err.code !== "invalid_request" || needs.length === 0) return fields;
  const found = await needProblems(getDb(), [{ requirements: needs }], () => prefix).catch(() => ({}));
  // The schema's problems first, as the form lists them (names come before needs).
  return { ...fields, ...Object.fromEntries(Object.entries(found).filter(([k]) => !(fields && k in fields))) };
}

export async function addAttendee(prev: FormState, form: FormData): Promise<FormState> {
  const attempt = (prev?.attempt ?? 0) + 1;
  let checkoutUrl: string | null = null;
  try {
    const change = parseInput({
      addAttendees: [{
        firstName: form.get("firstName"), lastName: form.get("lastName"), email: form.get("email") || undefined,
        // Sent when the session sells more than one type; otherwise the session's type, as before.
        ticketTypeId: form.get("ticketTypeId") || undefined, requirements: needsFrom(form),
      }],
    }, bookingChangeSchema);
    checkoutUrl = (await applyChange(form.get("reference"), change)).checkoutUrl;
  } catch (err) {
    const state = failure(err, attempt, form)!;
    state.fields = formFields(await withNeedProblems(err, state.fields, needsFrom(form), "addAttendees.0"), /^addAttendees\.0\./, needsFrom(form));
    return state;
  }
  if (checkoutUrl) redirect(checkoutUrl);
  return { done: "Attendee added.", attempt };
}

export async function moveSession(prev: FormState, form: FormData): Promise<FormState> {
  const attempt = (prev?.attempt ?? 0) + 1;
  let result: Awaited<ReturnType<typeof applyChange>>;
  try {
    const change = parseInput({ sessionId: form.get("sessionId") || undefined }, bookingChangeSchema);
    result = await applyChange(form.get("reference"), change);
  } catch (err) {
    return failure(err, attempt, form);
  }
  if (result.checkoutUrl) redirect(result.checkoutUrl);
  return { done: result.refunded > 0 ? `Moved. The difference is being refunded (credit note ${result.creditNoteNumber}).` : "Moved. We have emailed the new tickets.", attempt };
}
