import { openApiDocument } from "@/lib/api/openapi";
import { handler } from "@/lib/http/route";

export const GET = handler(async () => Response.json(openApiDocument(), { headers: { "cache-control": "public, max-age=300" } }));
