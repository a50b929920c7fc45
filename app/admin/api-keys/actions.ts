"use server";
import { revalidatePath } from "next/cache";
import { createApiKey as create, revokeApiKey as revoke } from "@/lib/api-keys/keys";
import { staffAction } from "@/lib/auth/staff-action";
import { idSchema } from "@/lib/validations/catalog";
import { apiKeySchema } from "@/lib/validations/integrations";

/** Returns the key: the only time it is ever shown (only its hash is stored). */
export const createApiKey = staffAction(["admin"], apiKeySchema, async (input, { db, staff }) => {
  const created = await create(db, staff, input);
  revalidatePath("/admin/api-keys");
  return created;
});

export const revokeApiKey = staffAction(["admin"], idSchema, async ({ id }, { db, staff }) => {
  await revoke(db, staff, id);
  revalidatePath("/admin/api-keys");
  return null;
});
