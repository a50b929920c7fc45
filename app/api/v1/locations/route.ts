import { getDb } from "@/db";
import { publicLocations } from "@/lib/catalog/locations";
import { handler } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = handler(async () => Response.json({ locations: await publicLocations(getDb()) }));
