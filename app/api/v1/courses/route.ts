import { catalogueCacheControl, publicCoursesJson } from "@/lib/catalog/public-listings";
import { apiHandler } from "@/lib/api/api-handler";

export const dynamic = "force-dynamic";

export const GET = apiHandler(async () =>
  new Response(await publicCoursesJson(), { headers: { "content-type": "application/json", "cache-control": catalogueCacheControl() } }),
{ scope: "catalogue:read" });
