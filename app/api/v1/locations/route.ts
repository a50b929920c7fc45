import { getDb } from "@/db";
import { publicLocations } from "@/lib/catalog/locations";
import { apiHandler } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/methods";

export const dynamic = "force-dynamic";

export const GET = apiHandler(async () => Response.json({ locations: await publicLocations(getDb()) }), { scope: "catalogue:read" });

// Other methods: 405 with Allow, in the API's error format.
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
