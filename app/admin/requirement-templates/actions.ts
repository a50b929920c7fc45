"use server";
import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/auth/staff-action";
import {
  createRequirementTemplate as create, setRequirementTemplateActive, updateRequirementTemplate as update,
} from "@/lib/catalog/requirement-templates";
import { idSchema, requirementTemplateSchema, updateRequirementTemplateSchema } from "@/lib/validations/catalog";

const refresh = () => revalidatePath("/", "layout");

export const createRequirementTemplate = staffAction(["admin"], requirementTemplateSchema, async (input, { db, staff }) => {
  const t = await create(db, staff, input);
  refresh();
  return { id: t.id };
});

export const updateRequirementTemplate = staffAction(["admin"], updateRequirementTemplateSchema, async ({ id, ...values }, { db, staff }) => {
  await update(db, staff, id, values);
  refresh();
  return { id };
});

export const archiveRequirementTemplate = staffAction(["admin"], idSchema, async ({ id }, { db, staff }) => {
  await setRequirementTemplateActive(db, staff, id, false);
  refresh();
  return null;
});

export const restoreRequirementTemplate = staffAction(["admin"], idSchema, async ({ id }, { db, staff }) => {
  await setRequirementTemplateActive(db, staff, id, true);
  refresh();
  return null;
});
