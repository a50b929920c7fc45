import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { listEmailMessages } from "@/db/queries/finance";
import { keptAttachmentPositions } from "@/db/queries/outbox";
import { OutboxAttachmentList } from "@/components/outbox/attachment-list";
import { outboxAttachmentEntries, outboxBrowsable } from "@/lib/email/outbox";
import { env } from "@/lib/env";
import { dateTimeFormat } from "@/lib/intl";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Outbox", robots: { index: false } };

const statusTone = { sent: "text-brand-800", queued: "text-amber-800", failed: "text-red-800" } as const;

export default async function OutboxPage() {
  if (!outboxBrowsable()) notFound();
  const messages = await listEmailMessages(getDb(), 200);
  const kept = await keptAttachmentPositions(getDb(), messages.filter((m) => (m.attachments?.length ?? 0) > 0).map((m) => m.id));
  const tz = env().FINANCE_TIME_ZONE;
  const days = env().OUTBOX_ATTACHMENT_RETENTION_DAYS;
  const when = (d: Date) => dateTimeFormat("en-GB", { timeZone: tz, dateStyle: "medium", timeStyle: "medium" }).format(d);
  return (
    <div className="space-y-4">
      <div role="note" className="rounded-md border-2 border-dashed border-amber-600 bg-amber-50 p-4 text-amber-950">
        <p className="font-bold">Development outbox</p>
        <p className="text-sm">
          {env().SMTP_URL ? "SMTP_URL is set: these emails also went out by SMTP, and their attachments are not kept here."
            : `SMTP_URL is not set: emails are kept here and nothing is sent; their attachments can be opened for ${days} day${days === 1 ? "" : "s"}.`}
          {" "}The newest 200 are listed.
        </p>
      </div>
      <h1 className="text-3xl font-bold">Outbox</h1>
      {messages.length === 0 ? <p>No emails yet.</p> : (
        <div className="overflow-x-auto rounded-lg border border-stone-300 bg-white">
          <table className="w-full text-left">
            <thead className="bg-stone-100 text-sm"><tr>
              <th scope="col" className="p-3">When</th><th scope="col" className="p-3">To</th><th scope="col" className="p-3">Subject</th>
              <th scope="col" className="p-3">Kind</th><th scope="col" className="p-3">Status</th>
            </tr></thead>
            <tbody>
              {messages.map((m) => (
                <tr key={m.id} className="border-t border-stone-200 align-top">
                  <td className="p-3 whitespace-nowrap text-sm">{when(m.sentAt ?? m.createdAt)}</td>
                  <td className="p-3">{m.toAddress}</td>
                  <td className="p-3"><Link href={`/dev/outbox/${m.id}`} className="underline">{m.subject}</Link>
                    {(m.attachments?.length ?? 0) > 0 && <OutboxAttachmentList entries={outboxAttachmentEntries(m, kept.get(m.id))} className="mt-1 text-sm" />}</td>
                  <td className="p-3 text-sm">{m.kind}</td>
                  <td className={`p-3 text-sm font-medium ${statusTone[m.status]}`}>{m.status}{m.attempts > 1 ? ` (${m.attempts} attempts)` : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
