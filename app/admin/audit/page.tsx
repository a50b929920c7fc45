import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime } from "@/components/admin/format";
import { getDb } from "@/db";
import { listAuditEntityTypes, listAuditLogs, AUDIT_PAGE_SIZE } from "@/db/queries/admin";
import { requireStaffPage } from "@/lib/auth/guard";
import { env } from "@/lib/env";
import { changedKeys } from "@/lib/audit/diff";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Audit log" };

const input = "mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2.5";
const show = (v: unknown) => (v === undefined ? "—" : JSON.stringify(v));

type SP = { entity?: string; id?: string; actor?: string; action?: string; page?: string };

export default async function AuditPage({ searchParams }: { searchParams: Promise<SP> }) {
  await requireStaffPage(["admin"]);
  const sp = await searchParams;
  const db = getDb();
  const types = await listAuditEntityTypes(db);
  const filter = {
    entityType: types.find((t) => t === sp.entity),
    entityId: sp.id?.slice(0, 100) || undefined,
    actor: sp.actor?.slice(0, 200) || undefined,
    action: sp.action?.slice(0, 100) || undefined,
    page: Math.max(1, Number.parseInt(sp.page ?? "1", 10) || 1),
  };
  const result = await listAuditLogs(db, filter);
  const tz = env().STAFF_TIME_ZONE;
  const pageLink = (page: number) => {
    const q = new URLSearchParams(Object.entries(sp).filter(([k, v]) => k !== "page" && typeof v === "string" && v) as [string, string][]);
    q.set("page", String(page));
    return `/admin/audit?${q}`;
  };
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold">Audit log</h1>
      <p className="text-stone-700">Every change staff make, newest first. Times in {tz}.</p>
      <form method="get" aria-label="Filter the audit log" className="grid gap-4 rounded-lg border border-stone-300 bg-white p-4 sm:grid-cols-5 sm:items-end">
        <div><label htmlFor="a-entity" className="font-medium">Record type</label>
          <select id="a-entity" name="entity" defaultValue={filter.entityType ?? ""} className={input}>
            <option value="">All</option>{types.map((t) => <option key={t} value={t}>{t.replaceAll("_", " ")}</option>)}
          </select></div>
        <div><label htmlFor="a-action" className="font-medium">Action</label><input id="a-action" name="action" defaultValue={filter.action} placeholder="session.cancel" className={input} /></div>
        <div><label htmlFor="a-actor" className="font-medium">Who (email)</label><input id="a-actor" name="actor" defaultValue={filter.actor} className={input} /></div>
        <div><label htmlFor="a-id" className="font-medium">Record id</label><input id="a-id" name="id" defaultValue={filter.entityId} className={input} /></div>
        <button type="submit" className="min-h-11 rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white">Show</button>
      </form>
      {result.rows.length === 0 ? <p role="status">No entries.</p> : (
        <div className="overflow-x-auto rounded-lg border border-stone-300 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-stone-100"><tr>
              <th scope="col" className="p-3">When</th><th scope="col" className="p-3">Who</th><th scope="col" className="p-3">What</th>
              <th scope="col" className="p-3">Record</th><th scope="col" className="p-3">Change</th>
            </tr></thead>
            <tbody>
              {result.rows.map((e) => {
                const keys = changedKeys(e.before, e.after);
                const before = (e.before ?? {}) as Record<string, unknown>;
                const after = (e.after ?? {}) as Record<string, unknown>;
                return (
                  <tr key={e.id} className="border-t border-stone-200 align-top">
                    <td className="whitespace-nowrap p-3">{formatDateTime(e.createdAt, tz)}</td>
                    <td className="p-3">{e.actorEmail ?? "system"}</td>
                    <td className="p-3 font-mono">{e.action}</td>
                    <td className="p-3">{e.entityType.replaceAll("_", " ")}
                      {/* An action on no one record (an export, say) has no id to follow. */}
                      {e.entityId && <><br /><Link href={`/admin/audit?entity=${e.entityType}&id=${e.entityId}`} className="font-mono text-xs underline">{e.entityId}</Link></>}</td>
                    <td className="p-3">
                      {keys.length > 0 && (
                        <ul className="space-y-0.5">
                          {keys.slice(0, 8).map((k) => (
                            <li key={k}><span className="font-medium">{k}</span>: {e.before ? <><s className="text-stone-600">{show(before[k])}</s> → </> : null}{show(after[k])}</li>
                          ))}
                          {keys.length > 8 && <li>and {keys.length - 8} more</li>}
                        </ul>
                      )}
                      <details className="mt-1">
                        <summary className="cursor-pointer text-stone-700">Before and after</summary>
                        <div className="grid gap-2 md:grid-cols-2">
                          <pre className="overflow-x-auto whitespace-pre-wrap rounded bg-stone-100 p-2 text-xs">{JSON.stringify(e.before, null, 2)}</pre>
                          <pre className="overflow-x-auto whitespace-pre-wrap rounded bg-stone-100 p-2 text-xs">{JSON.stringify(e.after, null, 2)}</pre>
                        </div>
                      </details>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label="Pages" className="flex gap-4">
        {result.page > 1 && <Link href={pageLink(result.page - 1)} className="underline">Newer entries</Link>}
        {result.hasMore && <Link href={pageLink(result.page + 1)} className="underline">Older entries</Link>}
        <span className="sr-only">{AUDIT_PAGE_SIZE} entries per page</span>
      </nav>
    </div>
  );
}
