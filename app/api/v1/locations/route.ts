import { getDb } from "@/db";
import { publicLocations } from "@/lib/catalog/locations";
import { apiHandler } from "@/lib/api/api-handler";

export const dynamic = "force-dynamic";

export const GET = apiHandler(async () => Response.json({ locations: await publicLocations(getDb()) }), { scope: "catalogue:read" });
