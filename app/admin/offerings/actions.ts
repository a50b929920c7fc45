"use server";
import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/auth/staff-action";
import { createQuestion as addQuestion, setQuestionArchived, updateQuestion as editQuestion } from "@/lib/catalog/questions";
import {
  addPeakWindow as addPeak, createSlotOffering as create, removePeakWindow as removePeak, updateSlotOffering as update,
} from "@/lib/catalog/slot-offerings";
import { idSchema } from "@/lib/validations/catalog";
import {
  peakWindowSchema, questionSchema, slotOfferingSchema, updateQuestionSchema, updateSlotOfferingSchema,
} from "@/lib/validations/slot-offerings";

const refresh = () => revalidatePath("/", "layout");

export const createSlotOffering = staffAction(["admin"], slotOfferingSchema, async (input, { db, staff }) => {
  const { course } = await create(db, staff, input);
  refresh();
  return { id: course.id };
});

export const updateSlotOffering = staffAction(["admin"], updateSlotOfferingSchema, async (input, { db, staff }) => {
  await update(db, staff, input);
  refresh();
  return { id: input.id };
});

export const addPeakWindow = staffAction(["admin"], peakWindowSchema, async (input, { db, staff }) => {
  const row = await addPeak(db, staff, input);
  refresh();
  return { id: row.id };
});

export const removePeakWindow = staffAction(["admin"], idSchema, async ({ id }, { db, staff }) => {
  await removePeak(db, staff, id);
  refresh();
  return null;
});

export const createQuestion = staffAction(["admin"], questionSchema, async (input, { db, staff }) => {
  const row = await addQuestion(db, staff, input);
  refresh();
  return { id: row.id };
});

export const updateQuestion = staffAction(["admin"], updateQuestionSchema, async (input, { db, staff }) => {
  await editQuestion(db, staff, input);
  refresh();
  return { id: input.id };
});

export const archiveQuestion = staffAction(["admin"], idSchema, async ({ id }, { db, staff }) => {
  await setQuestionArchived(db, staff, id, true);
  refresh();
  return null;
});

export const restoreQuestion = staffAction(["admin"], idSchema, async ({ id }, { db, staff }) => {
  await setQuestionArchived(db, staff, id, false);
  refresh();
  return null;
});
