// Any path under /api/v1 that no route serves: the API's JSON 404 (Next.js would answer its HTML page).
import { unknownPathHandlers } from "@/lib/api/methods";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = unknownPathHandlers();
