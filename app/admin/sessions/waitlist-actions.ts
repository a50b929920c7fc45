"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { staffAction } from "@/lib/auth/staff-action";
import { leaveWaitlist, moveWaitlistEntry, offerPlacesByHand } from "@/lib/self-service/waitlist";
import { idSchema } from "@/lib/validations/catalog";

const moveSchema = z.object({ id: z.uuid("Choose an entry"), direction: z.enum(["up", "down"]) });

export const offerWaitlistEntry = staffAction(["admin"], idSchema, async ({ id }, { db, staff }) => {
  const offer = await offerPlacesByHand(db, staff, id);
  revalidatePath("/admin/sessions");
  return { offerId: offer.id };
});

export const moveWaitlistEntryAction = staffAction(["admin"], moveSchema, async ({ id, direction }, { db, staff }) => {
  await moveWaitlistEntry(db, staff, id, direction);
  revalidatePath("/admin/sessions");
  return null;
});

export const removeWaitlistEntry = staffAction(["admin"], idSchema, async ({ id }, { db, staff }) => {
  await leaveWaitlist(db, id, staff);
  revalidatePath("/admin/sessions");
  return null;
});
