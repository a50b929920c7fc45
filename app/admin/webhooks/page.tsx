import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime } from "@/components/admin/format";
import { WebhookEndpointForm } from "@/components/admin/integrations/webhook-endpoint-form";
import { createWebhookEndpoint } from "@/app/admin/webhooks/actions";
import { getDb } from "@/db";
import { requireStaffPage } from "@/lib/auth/guard";
import { env } from "@/lib/env";
import { listWebhookEndpoints } from "@/lib/webhooks/endpoints";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  await requireStaffPage(["admin"]);
  const endpoints = await listWebhookEndpoints(getDb());
  const tz = env().STAFF_TIME_ZONE;
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">Webhooks</h1>
      <p className="max-w-3xl text-stone-700">
        Turnout sends events (bookings created, paid, changed and cancelled, refunds, check-ins, waiting-list offers) to these URLs as signed
        JSON <code>POST</code>s. Each request carries a <code>Turnout-Signature</code> header to verify with the endpoint&apos;s secret; failed deliveries
        are retried with growing pauses, and an endpoint that keeps failing is disabled and the admins emailed. See also <Link className="underline" href="/admin/api-keys">API keys</Link>.
      </p>
      {endpoints.length === 0 ? <p>No endpoints yet.</p> : (
        <div className="overflow-x-auto rounded-lg border border-stone-300 bg-white">
          <table className="w-full text-left">
            <caption className="sr-only">Webhook endpoints</caption>
            <thead className="bg-stone-100 text-sm"><tr>
              <th scope="col" className="p-3">Endpoint</th><th scope="col" className="p-3">Events</th>
              <th scope="col" className="p-3">Health data</th><th scope="col" className="p-3">Status</th><th scope="col" className="p-3">Added</th>
            </tr></thead>
            <tbody>
              {endpoints.map((e) => (
                <tr key={e.id} className="border-t border-stone-200 align-top">
                  <td className="p-3"><Link href={`/admin/webhooks/${e.id}`} className="break-all font-medium underline">{e.url}</Link>
                    {e.description && <p className="text-sm text-stone-700">{e.description}</p>}</td>
                  <td className="p-3 text-sm">{e.events.join(", ")}</td>
                  <td className="p-3">{e.receivesHealthData ? "Yes" : "No"}</td>
                  <td className="p-3">{e.disabledAt ? <span className="font-medium text-red-800">Disabled</span> : "Active"}
                    {e.failedDeliveries > 0 && <p className="text-sm text-stone-700">{e.failedDeliveries} failed deliveries</p>}</td>
                  <td className="p-3">{formatDateTime(e.createdAt, tz)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section aria-labelledby="add" className="max-w-3xl space-y-3">
        <h2 id="add" className="text-xl font-semibold">Add an endpoint</h2>
        <WebhookEndpointForm createWebhookEndpoint={createWebhookEndpoint} />
      </section>
    </div>
  );
}
