import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { deleteWebhookEndpoint, disableWebhookEndpoint, enableWebhookEndpoint, resendWebhookDelivery } from "@/app/admin/webhooks/actions";
import { ActionButton } from "@/components/admin/action-button";
import { formatDateTime } from "@/components/admin/format";
import { getDb } from "@/db";
import { requireStaffPage } from "@/lib/auth/guard";
import { env } from "@/lib/env";
import { getWebhookEndpoint, listDeliveries } from "@/lib/webhooks/endpoints";
import { idSchema } from "@/lib/validations/catalog";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Webhook endpoint" };

const STATUS_TEXT = { pending: "Pending", succeeded: "Delivered", failed: "Failed" } as const;

export default async function WebhookEndpointPage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaffPage(["admin"]);
  const parsed = idSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const db = getDb();
  const endpoint = await getWebhookEndpoint(db, parsed.data.id);
  if (!endpoint) notFound();
  const deliveries = await listDeliveries(db, endpoint.id);
  const tz = env().STAFF_TIME_ZONE;
  return (
    <div className="space-y-6">
      <p><Link href="/admin/webhooks" className="underline">All webhooks</Link></p>
      <h1 className="break-all text-3xl font-bold">{endpoint.url}</h1>
      <dl className="grid max-w-3xl grid-cols-[auto_1fr] gap-x-6 gap-y-2">
        {endpoint.description && <><dt className="font-medium">Description</dt><dd>{endpoint.description}</dd></>}
        <dt className="font-medium">Events</dt><dd>{endpoint.events.join(", ")}</dd>
        <dt className="font-medium">Health data</dt><dd>{endpoint.receivesHealthData ? "Included (attendees' requirements)" : "Never sent"}</dd>
        <dt className="font-medium">Status</dt>
        <dd>{endpoint.disabledAt ? `Disabled ${formatDateTime(endpoint.disabledAt, tz)}: ${endpoint.disabledReason ?? ""}` : "Active"}</dd>
        <dt className="font-medium">Failures in a row</dt><dd>{endpoint.consecutiveFailures}</dd>
        <dt className="font-medium">Signing secret</dt><dd>Shown once when the endpoint was added. To replace it, add a new endpoint and delete this one.</dd>
      </dl>
      <div className="flex flex-wrap gap-3">
        {endpoint.disabledAt
          ? <ActionButton action={enableWebhookEndpoint} input={{ id: endpoint.id }} variant="primary">Enable endpoint</ActionButton>
          : <ActionButton action={disableWebhookEndpoint} input={{ id: endpoint.id }}>Disable endpoint</ActionButton>}
        <ActionButton action={deleteWebhookEndpoint} input={{ id: endpoint.id }} danger redirectTo="/admin/webhooks"
          confirm="Delete this endpoint and its delivery log? Events are no longer sent to it.">Delete endpoint</ActionButton>
      </div>
      <section aria-labelledby="log" className="space-y-3">
        <h2 id="log" className="text-xl font-semibold">Delivery log</h2>
        {deliveries.length === 0 ? <p>No events sent to this endpoint yet.</p> : (
          <div className="overflow-x-auto rounded-lg border border-stone-300 bg-white">
            <table className="w-full text-left">
              <caption className="sr-only">The newest 100 deliveries</caption>
              <thead className="bg-stone-100 text-sm"><tr>
                <th scope="col" className="p-3">Event</th><th scope="col" className="p-3">Created</th><th scope="col" className="p-3">Status</th>
                <th scope="col" className="p-3">Response</th><th scope="col" className="p-3">Response time</th><th scope="col" className="p-3">Attempts</th>
                <th scope="col" className="p-3"><span className="sr-only">Actions</span></th>
              </tr></thead>
              <tbody>
                {deliveries.map((d) => (
                  <tr key={d.id} className="border-t border-stone-200 align-top">
                    <td className="p-3"><code>{d.eventType}</code><p className="font-mono text-xs text-stone-700">{d.eventId}</p></td>
                    <td className="p-3">{formatDateTime(d.createdAt, tz)}</td>
                    <td className="p-3">{STATUS_TEXT[d.status]}{d.lastError && d.status !== "succeeded" && <p className="text-sm text-red-800">{d.lastError}</p>}</td>
                    <td className="p-3">{d.responseStatus ?? "—"}</td>
                    <td className="p-3">{d.responseTimeMs === null ? "—" : `${d.responseTimeMs} ms`}</td>
                    <td className="p-3">{d.attempts}</td>
                    <td className="p-3">{!endpoint.disabledAt && d.status !== "pending" && (
                      <ActionButton action={resendWebhookDelivery} input={{ id: d.id }} busyLabel="Resending…">
                        Resend<span className="sr-only"> {d.eventType} {d.eventId}</span>
                      </ActionButton>
                    )}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
