"use server";
import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/auth/staff-action";
import { addClosures as add, removeClosure as remove, setOpeningHours as setHours } from "@/lib/catalog/slot-offerings";
import { idSchema } from "@/lib/validations/catalog";
import { closureSchema, openingHoursSchema } from "@/lib/validations/slot-offerings";

const refresh = () => revalidatePath("/", "layout");

export const saveOpeningHours = staffAction(["admin"], openingHoursSchema, async (input, { db, staff }) => {
  const result = await setHours(db, staff, input);
  refresh();
  return result;
});

export const addClosures = staffAction(["admin"], closureSchema, async (input, { db, staff }) => {
  const result = await add(db, staff, input);
  refresh();
  return result;
});

export const removeClosure = staffAction(["admin"], idSchema, async ({ id }, { db, staff }) => {
  await remove(db, staff, id);
  refresh();
  return null;
});
