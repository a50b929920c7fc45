// The booking wizard's server actions as the wizard sees them: the booking page in app/ passes the actions in as props.
import type { PricePreview } from "@/lib/booking/preview-price";
import type { PresaleTypes } from "@/lib/discounts/presale";

export type StartCheckoutResult =
  | { ok: true; checkoutUrl: string; reference: string }
  | {
    ok: false; code: string; message: string; fields?: Record<string, string>; available?: number;
    /** Seats taken by someone else since they were chosen (code seat_unavailable). */
    seats?: { id: string; label: string }[];
  };
/** `replacesKey`: the key of a checkout this draft opened before, whose unpaid booking gives its places back first. */
export type StartCheckoutAction = (payload: unknown, idempotencyKey: unknown, replacesKey?: unknown) => Promise<StartCheckoutResult>;

export type PreviewPriceResult = { ok: true; price: PricePreview } | { ok: false; code: string; message: string; fields?: Record<string, string> };
export type PreviewPriceAction = (payload: unknown) => Promise<PreviewPriceResult>;

export type VerifyEmailResult = { ok: true } | { ok: false; message: string; fields?: Record<string, string> };
export type RevealPresaleResult = ({ ok: true } & PresaleTypes) | { ok: false; code: string; message: string; fields?: Record<string, string> };
/** Which hidden ticket types a presale code unlocks for a course (writes nothing; counted against code guessing). */
export type RevealPresaleAction = (payload: unknown) => Promise<RevealPresaleResult>;

/** Emails a one-use link that signs the customer in and brings them back to the course's review step. */
export type RequestMemberVerificationAction = (email: unknown, courseSlug: unknown) => Promise<VerifyEmailResult>;
