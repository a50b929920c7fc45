import type { Metadata } from "next";
import { createApiKey, revokeApiKey } from "@/app/admin/api-keys/actions";
import { ActionButton } from "@/components/admin/action-button";
import { formatDateTime } from "@/components/admin/format";
import { ApiKeyForm } from "@/components/admin/integrations/api-key-form";
import { getDb } from "@/db";
import { listApiKeys } from "@/lib/api-keys/keys";
import { requireStaffPage } from "@/lib/auth/guard";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  await requireStaffPage(["admin"]);
  const keys = await listApiKeys(getDb());
  const tz = env().STAFF_TIME_ZONE;
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">API keys</h1>
      <p className="max-w-3xl text-stone-700">
        Keys let other systems use the API (<a className="underline" href="/docs/api">reference</a>) with <code>Authorization: Bearer &lt;key&gt;</code>.
        A key is shown once when it is created; Turnout keeps only a hash of it. Revoke a key that is no longer used or may have leaked.
      </p>
      {keys.length === 0 ? <p>No API keys yet.</p> : (
        <div className="overflow-x-auto rounded-lg border border-stone-300 bg-white">
          <table className="w-full text-left">
            <caption className="sr-only">API keys</caption>
            <thead className="bg-stone-100 text-sm"><tr>
              <th scope="col" className="p-3">Name</th><th scope="col" className="p-3">Key starts</th><th scope="col" className="p-3">Scopes</th>
              <th scope="col" className="p-3">Created</th><th scope="col" className="p-3">Last used</th><th scope="col" className="p-3">Status</th>
            </tr></thead>
            <tbody>
              {keys.map((k) => (
                <tr key={k.id} className="border-t border-stone-200 align-top">
                  <td className="p-3 font-medium">{k.name}</td>
                  <td className="p-3"><code>{k.prefix}_…</code></td>
                  <td className="p-3 text-sm">{k.scopes.join(", ")}</td>
                  <td className="p-3">{formatDateTime(k.createdAt, tz)}</td>
                  <td className="p-3">{k.lastUsedAt ? formatDateTime(k.lastUsedAt, tz) : "Never"}</td>
                  <td className="p-3">{k.revokedAt ? `Revoked ${formatDateTime(k.revokedAt, tz)}` : (
                    <ActionButton action={revokeApiKey} input={{ id: k.id }} danger confirm={`Revoke the key ${k.name}? Systems using it stop working at once.`}>
                      Revoke<span className="sr-only"> {k.name}</span>
                    </ActionButton>
                  )}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section aria-labelledby="create" className="max-w-3xl space-y-3">
        <h2 id="create" className="text-xl font-semibold">Create a key</h2>
        <ApiKeyForm createApiKey={createApiKey} />
      </section>
    </div>
  );
}
