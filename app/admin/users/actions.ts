"use server";
import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/auth/staff-action";
import { createStaffUser as create, setStaffUserDisabled, updateStaffUser as update } from "@/lib/staff/users";
import { idSchema, staffUserSchema, updateStaffUserSchema } from "@/lib/validations/catalog";

const refresh = () => revalidatePath("/admin/users");

export const createStaffUser = staffAction(["admin"], staffUserSchema, async (input, { db, staff }) => {
  const user = await create(db, staff, input);
  refresh();
  return { id: user.id };
});

export const updateStaffUser = staffAction(["admin"], updateStaffUserSchema, async (input, { db, staff }) => {
  await update(db, staff, input);
  refresh();
  return null;
});

export const disableStaffUser = staffAction(["admin"], idSchema, async ({ id }, { db, staff }) => {
  await setStaffUserDisabled(db, staff, id, true);
  refresh();
  return null;
});

export const enableStaffUser = staffAction(["admin"], idSchema, async ({ id }, { db, staff }) => {
  await setStaffUserDisabled(db, staff, id, false);
  refresh();
  return null;
});
