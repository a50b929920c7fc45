"use server";
import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/auth/staff-action";
import { acknowledgeRequirement as acknowledge } from "@/lib/requirements/acknowledge";
import { addChecklistItem as add, removeChecklistItem as remove, setChecklistItemDone as tick } from "@/lib/requirements/checklist";
import { acknowledgeSchema, checklistAddSchema, checklistRemoveSchema, checklistTickSchema } from "@/lib/validations/requirements";

const refresh = () => revalidatePath("/admin", "layout");

export const acknowledgeRequirement = staffAction(["admin"], acknowledgeSchema, async (input, { db, staff }) => {
  const result = await acknowledge(db, staff, input.requirementId);
  refresh();
  return { acknowledgedAt: result.acknowledgedAt.toISOString() };
});

export const setChecklistItemDone = staffAction(["admin"], checklistTickSchema, async (input, { db, staff }) => {
  const item = await tick(db, staff, input);
  refresh();
  return { done: Boolean(item.doneAt) };
});

export const addChecklistItem = staffAction(["admin"], checklistAddSchema, async (input, { db, staff }) => {
  const item = await add(db, staff, input);
  refresh();
  return { id: item.id };
});

export const removeChecklistItem = staffAction(["admin"], checklistRemoveSchema, async (input, { db, staff }) => {
  await remove(db, staff, input.itemId);
  refresh();
  return null;
});
