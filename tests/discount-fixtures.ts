// Discount codes and rules made by integration tests.
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { discountCodeTargets, discountCodes, discountRules } from "@/db/schema";
import { db } from "./fixtures";

export async function createDiscountCode(o: Partial<typeof discountCodes.$inferInsert> & { courseIds?: string[]; ticketTypeIds?: string[] } = {}) {
  const { courseIds = [], ticketTypeIds = [], ...values } = o;
  const [code] = await db().insert(discountCodes).values({
    code: `T${randomBytes(5).toString("hex").toUpperCase()}`, kind: "percent", value: 1_000, per: "booking", ...values,
  }).returning();
  const targets = [...courseIds.map((courseId) => ({ codeId: code.id, courseId })), ...ticketTypeIds.map((ticketTypeId) => ({ codeId: code.id, ticketTypeId }))];
  if (targets.length) await db().insert(discountCodeTargets).values(targets);
  return code;
}

export async function createDiscountRule(values: typeof discountRules.$inferInsert) {
  const [rule] = await db().insert(discountRules).values(values).returning();
  return rule;
}

export async function codeUses(id: string) {
  const [row] = await db().select({ usesCount: discountCodes.usesCount }).from(discountCodes).where(eq(discountCodes.id, id));
  return row.usesCount;
}
