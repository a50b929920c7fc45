"use server";
import { getDb } from "@/db";
import { optOutOfMemberEmails, verifyMemberOptOutToken } from "@/lib/members/notifications";
import { isUuid } from "@/lib/validations/ids";
import { isShortText } from "@/lib/validations/untrusted-input";
import { log } from "@/lib/log";
import type { OptOutState } from "@/lib/members/opt-out-form";

/** The link in a member email: its token proves the membership is the reader's. */
export async function optOutOfMemberEmailsAction(_prev: OptOutState, form: FormData): Promise<OptOutState> {
  const id = form.get("memberId");
  const token = form.get("token");
  if (!isShortText(id, 40) || !isUuid(id) || !isShortText(token, 200) || !verifyMemberOptOutToken(id, token)) return { error: "This link is not valid." };
  try {
    if (!(await optOutOfMemberEmails(getDb(), id))) return { error: "This link is not valid." };
    return { optedOut: true };
  } catch (err) {
    log.error({ err }, "action failed");
    return { error: "Something went wrong on our side. Please try again." };
  }
}
