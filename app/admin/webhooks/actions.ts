"use server";
import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/auth/staff-action";
import { idSchema } from "@/lib/validations/catalog";
import { webhookEndpointSchema } from "@/lib/validations/integrations";
import {
  createWebhookEndpoint as create, deleteWebhookEndpoint as remove, resendDelivery as resend, setWebhookEndpointEnabled,
} from "@/lib/webhooks/endpoints";

const refresh = (id?: string) => {
  revalidatePath("/admin/webhooks");
  if (id) revalidatePath(`/admin/webhooks/${id}`);
};

/** Returns the signing secret: the only time it is ever shown. */
export const createWebhookEndpoint = staffAction(["admin"], webhookEndpointSchema, async (input, { db, staff }) => {
  const created = await create(db, staff, input);
  refresh();
  return created;
});

export const enableWebhookEndpoint = staffAction(["admin"], idSchema, async ({ id }, { db, staff }) => {
  await setWebhookEndpointEnabled(db, staff, id, true);
  refresh(id);
  return null;
});

export const disableWebhookEndpoint = staffAction(["admin"], idSchema, async ({ id }, { db, staff }) => {
  await setWebhookEndpointEnabled(db, staff, id, false);
  refresh(id);
  return null;
});

export const deleteWebhookEndpoint = staffAction(["admin"], idSchema, async ({ id }, { db, staff }) => {
  await remove(db, staff, id);
  refresh();
  return null;
});

export const resendWebhookDelivery = staffAction(["admin"], idSchema, async ({ id }, { db, staff }) => {
  await resend(db, staff, id);
  revalidatePath("/admin/webhooks", "layout");
  return null;
});
