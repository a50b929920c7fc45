// Tells the admins that an endpoint was disabled after repeated failures: one email per admin per disabling.
import { Text } from "@react-email/components";
import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { webhookEndpoints } from "@/db/schema";
import { adminAlertRecipients } from "@/db/queries/finance";
import { EmailLayout, paragraph } from "@/emails/components/layout";
import { ActionButton, Callout, Facts } from "@/emails/components/parts";
import { deliverEmail, type AttemptInfo } from "@/lib/email/deliver";
import { env } from "@/lib/env";

export type EndpointDisabledEmailProps = { sellerName: string; url: string; reason: string; manageUrl: string };

export function EndpointDisabledEmail(p: EndpointDisabledEmailProps) {
  return (
    <EmailLayout sellerName={p.sellerName} preview={`Webhook endpoint disabled: ${p.url}`} heading="A webhook endpoint was disabled">
      <Callout tone="alert">Turnout stopped sending events to <strong>{p.url}</strong>.</Callout>
      <Facts rows={[{ label: "Endpoint", value: p.url }, { label: "Why", value: p.reason }]} />
      <Text style={paragraph}>Events are no longer sent to it. Once the receiver works again, enable the endpoint and resend the
        deliveries it missed from its delivery log.</Text>
      <ActionButton href={p.manageUrl}>Open the endpoint</ActionButton>
    </EmailLayout>
  );
}

/** Idempotent per admin: the key names the endpoint and the moment it was disabled. */
export async function sendEndpointDisabledEmails(db: Db, p: { endpointId: string; disabledAt: string }, attempt?: AttemptInfo) {
  const [endpoint] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, p.endpointId));
  if (!endpoint) return 0;
  const recipients = await adminAlertRecipients(db, env().ADMIN_ALERT_EMAILS);
  const when = new Date(p.disabledAt).getTime();
  for (const to of recipients) {
    await deliverEmail(db, {
      key: `webhook-disabled:${endpoint.id}:${when}:${to}`,
      kind: "webhook-disabled",
      bookingId: null,
      to,
      subject: `Webhook endpoint disabled: ${endpoint.url}`,
      attachments: [],
      body: <EndpointDisabledEmail sellerName={env().SELLER_NAME} url={endpoint.url} reason={endpoint.disabledReason ?? "Repeated failures"}
        manageUrl={`${env().APP_URL}/admin/webhooks/${endpoint.id}`} />,
    }, attempt);
  }
  return recipients.length;
}
