"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { staffAction } from "@/lib/auth/staff-action";
import { reissueTicket as reissue } from "@/lib/tickets/issue";
import { uuidInput } from "@/lib/validations/catalog";

/** A lost ticket: the old QR code stops working, the booking page and a new PDF show the new one. */
export const reissueTicket = staffAction(["admin"], z.object({ attendeeId: uuidInput("place") }), async ({ attendeeId }, { db, staff }) => {
  const t = await reissue(db, { attendeeId }, staff);
  revalidatePath("/admin/bookings", "layout");
  return { version: t.version };
});
