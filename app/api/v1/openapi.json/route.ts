import { openApiDocument } from "@/lib/api/openapi";
import { apiHandler } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/methods";

export const GET = apiHandler(async () => Response.json(openApiDocument(), { headers: { "cache-control": "public, max-age=300" } }));

// Other methods: 405 with Allow, in the API's error format.
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
