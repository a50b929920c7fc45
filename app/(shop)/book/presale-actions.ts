"use server";
// The wizard's "Have a presale code?": which hidden ticket types a code unlocks. Writes nothing; counted
// against code guessing like every lookup of a code.
import { headers } from "next/headers";
import { z } from "zod";
import { getDb } from "@/db";
import { clientIp } from "@/lib/auth/client-ip";
import { presaleTicketTypes } from "@/lib/discounts/presale";
import type { RevealPresaleResult } from "@/lib/booking/wizard-actions";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { withCodeGuessLimit } from "@/lib/rate-limit/discount-codes";
import { fieldErrors } from "@/lib/validations/booking";

const presaleRequestSchema = z.object({
  courseSlug: z.string({ error: "Choose a course" }).trim().min(1, "Choose a course").max(200, "Choose a course"),
  code: z.string({ error: "Enter your presale code" }).trim().min(1, "Enter your presale code").max(40, "That is not a presale code"),
});


export async function revealPresaleTickets(payload: unknown): Promise<RevealPresaleResult> {
  const parsed = presaleRequestSchema.safeParse(payload);
  if (!parsed.success) {
    const fields = fieldErrors(parsed.error);
    return { ok: false, code: "invalid_request", message: fields.code ?? "Please reload the page and try again.", fields };
  }
  try {
    const ip = clientIp(await requestHeaders());
    const revealed = await withCodeGuessLimit(getDb(), { ip, code: parsed.data.code }, () => presaleTicketTypes(getDb(), parsed.data));
    return { ok: true, ...revealed };
  } catch (err) {
    if (err instanceof AppError) {
      const fields = err.details.fields as Record<string, string> | undefined;
      return { ok: false, code: err.code, message: fields?.discountCode ?? err.message, fields };
    }
    log.error({ err }, "presale code lookup failed");
    return { ok: false, code: "internal_error", message: "Something went wrong on our side. Please try again." };
  }
}

/** The request's headers; outside a request (a script calling the action) none, so the address is unknown. */
async function requestHeaders(): Promise<Headers> {
  try {
    return await headers();
  } catch {
    return new Headers();
  }
}
