// What a door device keeps to validate tickets offline (hashes of secrets, never secrets).
import { getDb } from "@/db";
import { staffRoute } from "@/lib/auth/guard";
import { sessionManifest } from "@/lib/check-in/manifest";
import { AppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const GET = staffRoute<{ id: string }>(["door", "admin"], async (_req, { params }) => {
  const { id } = await params;
  if (!UUID.test(id)) throw new AppError("session_not_found");
  return Response.json(await sessionManifest(getDb(), id), { headers: { "cache-control": "private, no-store" } });
});
