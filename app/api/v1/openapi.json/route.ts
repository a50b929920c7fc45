import { openApiDocument } from "@/lib/api/openapi";
import { apiHandler } from "@/lib/api/api-handler";

export const GET = apiHandler(async () => Response.json(openApiDocument(), { headers: { "cache-control": "public, max-age=300" } }));
