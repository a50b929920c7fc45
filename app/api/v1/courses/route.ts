import { catalogueCacheControl, publicCoursesJson } from "@/lib/catalog/public-listings";
import { apiHandler } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/methods";

export const dynamic = "force-dynamic";

export const GET = apiHandler(async () =>
  new Response(await publicCoursesJson(), { headers: { "content-type": "application/json", "cache-control": catalogueCacheControl() } }),
{ scope: "catalogue:read" });

// Other methods: 405 with Allow, in the API's error format.
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
