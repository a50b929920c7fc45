import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { getEmailMessage } from "@/db/queries/finance";
import { keptAttachmentPositions } from "@/db/queries/outbox";
import { OutboxAttachmentList } from "@/components/outbox/attachment-list";
import { outboxAttachmentEntries, outboxBrowsable } from "@/lib/email/outbox";
import { isUuid } from "@/lib/validations/ids";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Outbox message", robots: { index: false } };

export default async function OutboxMessagePage({ params }: { params: Promise<{ id: string }> }) {
  if (!outboxBrowsable()) notFound();
  const { id } = await params;
  const m = isUuid(id) ? await getEmailMessage(getDb(), id) : null;
  if (!m) notFound();
  const kept = m.attachments?.length ? (await keptAttachmentPositions(getDb(), [m.id])).get(m.id) : undefined;
  return (
    <div className="space-y-4">
      <p><Link href="/dev/outbox" className="underline">Back to the outbox</Link></p>
      <h1 className="text-2xl font-bold">{m.subject}</h1>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-lg border border-stone-300 bg-white p-4">
        <dt className="text-stone-600">To</dt><dd>{m.toAddress}</dd>
        <dt className="text-stone-600">Key</dt><dd className="font-mono text-sm">{m.idempotencyKey}</dd>
        <dt className="text-stone-600">Status</dt><dd>{m.status} via {m.transport ?? "—"}, {m.attempts} attempt{m.attempts === 1 ? "" : "s"}{m.lastError ? ` (last error: ${m.lastError})` : ""}</dd>
        <dt className="text-stone-600">Attachments</dt>
        <dd>{m.attachments?.length ? <OutboxAttachmentList entries={outboxAttachmentEntries(m, kept)} /> : "none"}</dd>
      </dl>
      {m.html && (
        <section aria-labelledby="html-part" className="space-y-2">
          <h2 id="html-part" className="text-lg font-semibold">HTML part (shown at phone width)</h2>
          {/* A sandboxed frame: the stored HTML runs no script and cannot touch this page. */}
          <iframe title="Email HTML" sandbox="" srcDoc={m.html} className="h-[640px] w-full max-w-[390px] rounded-lg border border-stone-300 bg-white" />
        </section>
      )}
      {m.text && (
        <section aria-labelledby="text-part" className="space-y-2">
          <h2 id="text-part" className="text-lg font-semibold">Plain-text part</h2>
          <pre className="overflow-x-auto rounded-lg border border-stone-300 bg-white p-4 text-sm whitespace-pre-wrap">{m.text}</pre>
        </section>
      )}
    </div>
  );
}
