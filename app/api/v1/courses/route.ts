import { publicCoursesJson } from "@/lib/catalog/public-listings";
import { handler } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = handler(async () =>
  new Response(await publicCoursesJson(), { headers: { "content-type": "application/json" } }));
