"use server";
import { staffAction } from "@/lib/auth/staff-action";
import { erasePerson as erase } from "@/lib/privacy/erase";
import { erasePersonSchema } from "@/lib/validations/privacy";

export const erasePerson = staffAction(["admin"], erasePersonSchema, async (input, { db, staff }) => {
  const result = await erase(db, staff, { email: input.email, reason: input.reason });
  return { tombstone: result.tombstone, removed: result.removed, redacted: result.redacted };
});
