"use server";
import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/auth/staff-action";
import {
  createTicketType as create, deleteTicketType as remove, moveTicketType as move, setTicketTypeRetired, updateTicketType as update,
} from "@/lib/catalog/ticket-types";
import { idSchema } from "@/lib/validations/catalog";
import { moveTicketTypeSchema, ticketTypeSchema, updateTicketTypeSchema } from "@/lib/validations/ticket-types";

const refresh = () => revalidatePath("/", "layout");

export const createTicketType = staffAction(["admin"], ticketTypeSchema, async (input, { db, staff }) => {
  const type = await create(db, staff, input);
  refresh();
  return { id: type.id };
});

export const updateTicketType = staffAction(["admin"], updateTicketTypeSchema, async ({ id, ...values }, { db, staff }) => {
  await update(db, staff, id, values);
  refresh();
  return { id };
});

export const moveTicketType = staffAction(["admin"], moveTicketTypeSchema, async ({ id, direction }, { db, staff }) => {
  const result = await move(db, staff, id, direction);
  refresh();
  return result;
});

export const retireTicketType = staffAction(["admin"], idSchema, async ({ id }, { db, staff }) => {
  await setTicketTypeRetired(db, staff, id, true);
  refresh();
  return null;
});

export const unretireTicketType = staffAction(["admin"], idSchema, async ({ id }, { db, staff }) => {
  await setTicketTypeRetired(db, staff, id, false);
  refresh();
  return null;
});

export const deleteTicketType = staffAction(["admin"], idSchema, async ({ id }, { db, staff }) => {
  await remove(db, staff, id);
  refresh();
  return null;
});
