"use server";
import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/auth/staff-action";
import { cancelSession as cancel, createSession as create, deleteSession as remove, updateSession as update } from "@/lib/catalog/sessions";
import { blockSessionSeats as block, setSessionSeatingPlan as setPlan, unblockSessionSeats as unblock } from "@/lib/catalog/seating-plans";
import { cancelSessionSchema, idSchema, sessionMessageSchema, sessionSchema, updateSessionSchema } from "@/lib/validations/catalog";
import { messageSessionBookers } from "@/lib/email/session-message";
import { blockSeatsSchema, sessionSeatingPlanSchema, unblockSeatsSchema } from "@/lib/validations/seating";

const refresh = () => revalidatePath("/", "layout");

export const createSession = staffAction(["admin"], sessionSchema, async (input, { db, staff }) => {
  const [first, ...repeats] = await create(db, staff, input);
  refresh();
  return { id: first.id, repeats: repeats.length };
});

export const updateSession = staffAction(["admin"], updateSessionSchema, async ({ id, ...values }, { db, staff }) => {
  const session = await update(db, staff, id, values);
  refresh();
  return { id, bookersTold: session.bookersTold, checkoutsStopped: session.checkoutsStopped };
});

export const cancelSession = staffAction(["admin"], cancelSessionSchema, async (input, { db, staff }) => {
  const result = await cancel(db, staff, input);
  refresh();
  return { notified: result.notified, checkoutsCancelled: result.checkoutsCancelled };
});

export const deleteSession = staffAction(["admin"], idSchema, async ({ id }, { db, staff }) => {
  await remove(db, staff, id);
  refresh();
  return null;
});

export const setSessionSeatingPlan = staffAction(["admin"], sessionSeatingPlanSchema, async (input, { db, staff }) => {
  await setPlan(db, staff, input);
  refresh();
  return null;
});

export const blockSessionSeats = staffAction(["admin"], blockSeatsSchema, async (input, { db, staff }) => {
  const outcome = await block(db, staff, input);
  refresh();
  return outcome;
});

export const unblockSessionSeats = staffAction(["admin"], unblockSeatsSchema, async (input, { db, staff }) => {
  const outcome = await unblock(db, staff, input);
  refresh();
  return outcome;
});

/** Emails every paid booking's booker of the session staff's own message; a repeated submission sends nothing more. */
export const messageSessionBookersAction = staffAction(["admin"], sessionMessageSchema, async ({ sessionId, subject, message, requestId }, { db, staff }) => {
  const result = await messageSessionBookers(db, staff, { sessionId, subject, message, requestId });
  revalidatePath(`/admin/sessions/${sessionId}`);
  return result;
});
