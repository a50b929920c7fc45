// A message's attachments in the local outbox: each kept one a link that opens or downloads it, with its type
// and size; one whose content is not kept says why.
import type { OutboxAttachmentEntry } from "@/lib/email/outbox";

export function OutboxAttachmentList({ entries, className = "" }: { entries: OutboxAttachmentEntry[]; className?: string }) {
  return (
    <ul className={`space-y-0.5 ${className}`}>
      {entries.map((a) => (
        <li key={a.position}>
          {a.href ? <a href={a.href} className="underline">{a.filename}</a> : <span>{a.filename}</span>}
          <span className="text-stone-600"> ({a.type}, {a.size}{a.missing ? `; ${a.missing}` : ""})</span>
        </li>
      ))}
    </ul>
  );
}
