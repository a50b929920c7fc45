// API keys for server-to-server clients: `trn_<8 visible characters>_<32 random bytes, base64url>`. The key is
// shown once; only its SHA-256 is stored, so a database leak reveals no usable key. Malformed, revoked and
// unknown keys answer 401, a key without the scope an operation needs 403 (lib/api/api-handler.ts applies
// the rule below to every /api/v1 request).
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db";
import { apiKeys, type ApiKeyScope } from "@/db/schema";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";

const KEY_PATTERN = /^trn_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{43}$/;

export const hashApiKey = (key: string) => createHash("sha256").update(key).digest("hex");

/** Whether a bearer token looks like an API key (not, say, a booking's access token). */
export const looksLikeApiKey = (token: string | null): token is string => Boolean(token && KEY_PATTERN.test(token));

// A booking's access token (lib/booking/reference.ts): an HMAC-SHA256 in base64url, 43 characters.
const ACCESS_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * What an `Authorization: Bearer` header carries, the one rule of the whole API:
 * - `none`: no Bearer credential (no header, or another scheme): the request is anonymous where that is allowed;
 * - `access_token`: on routes that take a booking's access token, a token of its shape, checked by the route;
 * - `api_key`: a whole API key, to be looked up (unknown or revoked: 401);
 * - `malformed`: anything else, a key cut short or mistyped above all: 401, never taken for no key.
 * A `Bearer` header with no token, or with more than one, is malformed too.
 */
export type BearerCredential =
  | { kind: "none" }
  | { kind: "access_token"; token: string }
  | { kind: "api_key"; token: string }
  | { kind: "malformed" };

export function bearerCredential(authorization: string | null | undefined, options: { accessTokens?: boolean } = {}): BearerCredential {
  const match = authorization?.match(/^\s*Bearer(?:\s+(.*))?$/i);
  if (!match) return { kind: "none" };
  const token = (match[1] ?? "").trim();
  if (options.accessTokens && ACCESS_TOKEN_PATTERN.test(token)) return { kind: "access_token", token };
  if (KEY_PATTERN.test(token)) return { kind: "api_key", token };
  // On routes that take an access token, a wrong one that is not meant as a key is the route's to refuse (a 404
  // that says nothing of whether the booking exists).
  if (options.accessTokens && token.length > 0 && !/\s/.test(token) && !token.startsWith("trn_")) return { kind: "access_token", token };
  return { kind: "malformed" };
}

function newKey() {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  const visible = Array.from(randomBytes(8), (b) => alphabet[b % alphabet.length]).join("");
  const prefix = `trn_${visible}`;
  return { prefix, key: `${prefix}_${randomBytes(32).toString("base64url")}` };
}

export async function createApiKey(db: Db, staff: AuditActor, input: { name: string; scopes: ApiKeyScope[] }) {
  const { prefix, key } = newKey();
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(apiKeys).values({
      name: input.name, prefix, secretHash: hashApiKey(key), scopes: [...new Set(input.scopes)], createdBy: staff.id,
    }).returning({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix, scopes: apiKeys.scopes });
    await recordAudit(tx, staff, { action: "api_key.create", entityType: "api_key", entityId: row.id, after: row });
    return { id: row.id, key };
  });
}

export async function revokeApiKey(db: Db, staff: AuditActor, id: string) {
  return db.transaction(async (tx) => {
    const [row] = await tx.update(apiKeys).set({ revokedAt: sql`coalesce(${apiKeys.revokedAt}, now())`, revokedBy: sql`coalesce(${apiKeys.revokedBy}, ${staff.id}::uuid)` })
      .where(eq(apiKeys.id, id)).returning({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix });
    if (!row) throw new AppError("not_found");
    await recordAudit(tx, staff, { action: "api_key.revoke", entityType: "api_key", entityId: id, after: row });
  });
}

export async function listApiKeys(db: DbOrTx) {
  return db.select({
    id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix, scopes: apiKeys.scopes, createdAt: apiKeys.createdAt,
    lastUsedAt: apiKeys.lastUsedAt, revokedAt: apiKeys.revokedAt, createdBy: apiKeys.createdBy,
  }).from(apiKeys).orderBy(desc(apiKeys.createdAt));
}

export type ApiClient = { keyId: string; name: string; prefix: string; scopes: ApiKeyScope[]; createdBy: string | null };

/** The active key a bearer token names, its last use recorded (at most once a minute); null when unknown or revoked. */
export async function findActiveApiKey(db: DbOrTx, token: string): Promise<ApiClient | null> {
  if (!looksLikeApiKey(token)) return null;
  const [row] = await db.select().from(apiKeys).where(and(eq(apiKeys.secretHash, hashApiKey(token)), isNull(apiKeys.revokedAt)));
  if (!row) return null;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000)
    await db.update(apiKeys).set({ lastUsedAt: new Date() }).where(eq(apiKeys.id, row.id));
  return { keyId: row.id, name: row.name, prefix: row.prefix, scopes: row.scopes as ApiKeyScope[], createdBy: row.createdBy };
}
