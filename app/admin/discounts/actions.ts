"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { staffAction } from "@/lib/auth/staff-action";
import { archiveDiscountCode, createDiscountCode, createDiscountRule, generateDiscountCodes, setDiscountRuleActive } from "@/lib/discounts/admin";
import { idSchema } from "@/lib/validations/catalog";
import { discountCodeSchema, discountRuleSchema, generateDiscountCodesSchema } from "@/lib/validations/discounts";

const refresh = () => revalidatePath("/admin/discounts");

export const createDiscountCodeAction = staffAction(["admin"], discountCodeSchema, async (input, { db, staff }) => {
  const code = await createDiscountCode(db, staff, input);
  refresh();
  return { id: code.id, code: code.code };
});

export const generateDiscountCodesAction = staffAction(["admin"], generateDiscountCodesSchema, async (input, { db, staff }) => {
  const made = await generateDiscountCodes(db, staff, input);
  refresh();
  return made;
});

export const archiveDiscountCodeAction = staffAction(["admin"], idSchema, async ({ id }, { db, staff }) => {
  await archiveDiscountCode(db, staff, id);
  refresh();
  return null;
});

export const createDiscountRuleAction = staffAction(["admin"], discountRuleSchema, async (input, { db, staff }) => {
  const rule = await createDiscountRule(db, staff, input);
  refresh();
  return { id: rule.id };
});

export const setDiscountRuleActiveAction = staffAction(["admin"], idSchema.extend({ active: z.boolean() }), async ({ id, active }, { db, staff }) => {
  await setDiscountRuleActive(db, staff, id, active);
  refresh();
  return null;
});
