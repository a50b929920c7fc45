"use server";
import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/auth/staff-action";
import { saveMemberOffers } from "@/lib/members/offers";
import { memberOffersFormSchema } from "@/lib/validations/member-offers";

/** A course's or ticket type's member prices and members-only presale (admins). */
export const updateMemberOffers = staffAction(["admin"], memberOffersFormSchema, async (input, { db, staff }) => {
  await saveMemberOffers(db, staff, input);
  revalidatePath("/", "layout");
  return { id: input.id };
});
