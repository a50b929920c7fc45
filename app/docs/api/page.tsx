import type { Metadata } from "next";
import { openApiDocument } from "@/lib/api/openapi";

export const metadata: Metadata = { title: "API reference" };

type Schema = { type?: string | string[]; properties?: Record<string, Schema>; required?: string[]; items?: Schema; enum?: unknown[];
  $ref?: string; description?: string; format?: string; anyOf?: Schema[]; oneOf?: Schema[] };
type Operation = { summary?: string; description?: string; parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> }; responses: Record<string, { description: string; content?: Record<string, { schema: Schema }> }>;
  security?: Record<string, string[]>[] };

function typeOf(s: Schema | undefined): string {
  if (!s) return "any";
  if (s.$ref) return s.$ref.split("/").pop()!;
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (s.anyOf ?? s.oneOf) return (s.anyOf ?? s.oneOf)!.map(typeOf).join(" | ");
  const t = Array.isArray(s.type) ? s.type.join(" | ") : s.type ?? "object";
  if (t === "array") return `${typeOf(s.items)}[]`;
  return s.format ? `${t} (${s.format})` : t;
}

/** A schema's fields as a nested list, deep enough to read a request or an answer. */
function Fields({ schema, depth = 0 }: { schema: Schema; depth?: number }) {
  const target = schema.items ?? schema;
  if (!target.properties || depth > 3) return null;
  return (
    <ul className={depth ? "ml-4 border-l border-stone-300 pl-3" : ""}>
      {Object.entries(target.properties).map(([name, s]) => (
        <li key={name} className="py-0.5">
          <code className="font-semibold">{name}</code>{target.required?.includes(name) ? "" : "?"}: <code className="text-stone-700">{typeOf(s)}</code>
          {s.description && <span className="text-stone-700"> — {s.description}</span>}
          <Fields schema={s} depth={depth + 1} />
        </li>
      ))}
    </ul>
  );
}

/** The named schemas a schema is (itself, one of several, or a list of), each a link to its fields below. */
function refsOf(s: Schema | undefined): string[] {
  if (!s) return [];
  if (s.$ref) return [s.$ref.split("/").pop()!];
  if (s.anyOf ?? s.oneOf) return (s.anyOf ?? s.oneOf)!.flatMap(refsOf);
  return s.type === "array" ? refsOf(s.items) : [];
}

function SchemaLinks({ schema, lead }: { schema: Schema | undefined; lead: string }) {
  const names = refsOf(schema);
  if (names.length === 0) return null;
  return (
    <p>{lead}{names.map((n, i) => (
      <span key={n}>{i > 0 ? (i === names.length - 1 ? " or " : ", ") : " "}<a className="underline" href={`#schema-${n}`}>{n}</a></span>
    ))}.</p>
  );
}

/**
 * Who may call an operation, from its OpenAPI security requirements (any one of them suffices; an empty one
 * means no credentials are needed).
 */
function SecurityNote({ security }: { security: Record<string, string[]>[] }) {
  const open = security.some((r) => Object.keys(r).length === 0);
  const ways = security.flatMap((r) => Object.entries(r)).map(([scheme, scopes]) => {
    if (scheme === "bookingToken") return <>the booking&apos;s access token (<code>Authorization: Bearer &lt;accessToken&gt;</code>)</>;
    if (scheme === "staffSession") return <>a signed-in staff member&apos;s session</>;
    return <>an API key{scopes.length ? <> with the <code>{scopes.join(", ")}</code> scope</> : null} (<code>Authorization: Bearer trn_…</code>)</>;
  });
  if (ways.length === 0) return <p>No credentials needed.</p>;
  const list = ways.map((w, i) => <span key={i}>{i > 0 ? " or " : ""}{w}</span>);
  return open ? <p>No credentials needed; with {list}, the request counts against the key&apos;s own limits.</p> : <p>Needs {list}.</p>;
}

/** The API reference, rendered from the same OpenAPI document the API serves. */
export default function ApiReferencePage() {
  const doc = openApiDocument() as unknown as { info: { title: string; description: string }; paths: Record<string, Record<string, Operation>>;
    components: { schemas: Record<string, Schema> } };
  return (
    <div className="mx-auto max-w-4xl space-y-8 p-4 sm:p-8">
      <header className="space-y-2">
        <h1 className="text-3xl font-semibold">{doc.info.title}</h1>
        <p>{doc.info.description}</p>
        <p>Machine-readable: <a className="underline" href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1).</p>
      </header>
      <nav aria-label="Endpoints">
        <ul className="list-disc pl-5">
          {Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => (
            <li key={`${m}${path}`}><a className="underline" href={`#${m}-${path.replace(/[^a-z0-9]+/gi, "-")}`}>{m.toUpperCase()} {path}</a></li>
          )))}
        </ul>
      </nav>
      {Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => (
        <section key={`${method}${path}`} id={`${method}-${path.replace(/[^a-z0-9]+/gi, "-")}`} aria-labelledby={`h-${method}-${path}`}
          className="space-y-3 rounded-lg border border-stone-300 bg-white p-5">
          <h2 id={`h-${method}-${path}`} className="text-xl font-semibold"><code>{method.toUpperCase()} {path}</code></h2>
          {op.summary && <p className="font-medium">{op.summary}</p>}
          {op.description && <p>{op.description}</p>}
          {op.security && <SecurityNote security={op.security} />}
          {op.parameters?.length ? (
            <div><h3 className="font-semibold">Parameters</h3>
              <ul>{op.parameters.map((p) => <li key={`${p.in}${p.name}`}><code>{p.name}</code> ({p.in}{p.required ? ", required" : ""}){p.description ? ` — ${p.description}` : ""}</li>)}</ul>
            </div>
          ) : null}
          {op.requestBody && (
            <div>
              <h3 className="font-semibold">Request body</h3>
              {/* A body that is a named schema (or one of several) links to its fields; an inline one lists them here. */}
              {op.requestBody.content["application/json"].schema.description && <p>{op.requestBody.content["application/json"].schema.description}</p>}
              <SchemaLinks schema={op.requestBody.content["application/json"].schema} lead="JSON: a" />
              <Fields schema={op.requestBody.content["application/json"].schema} />
            </div>
          )}
          <div>
            <h3 className="font-semibold">Answers</h3>
            <ul>{Object.entries(op.responses).map(([status, res]) => {
              const schema = res.content?.["application/json"]?.schema;
              const name = schema?.$ref?.split("/").pop();
              return <li key={status}><code className="font-semibold">{status}</code> {res.description}{name ? <> — <a className="underline" href={`#schema-${name}`}>{name}</a></> : null}</li>;
            })}</ul>
          </div>
        </section>
      )))}
      <section aria-labelledby="schemas" className="space-y-4">
        <h2 id="schemas" className="text-2xl font-semibold">Schemas</h2>
        {Object.entries(doc.components.schemas).map(([name, schema]) => (
          <div key={name} id={`schema-${name}`} className="rounded-lg border border-stone-300 bg-white p-5">
            <h3 className="text-lg font-semibold">{name}</h3>
            <Fields schema={schema} />
          </div>
        ))}
      </section>
    </div>
  );
}
