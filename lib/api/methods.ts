// What /api/v1 answers for paths no route serves. Next.js answers an unknown path with its HTML 404 page;
// integrators get the API's JSON error format instead.
import { AppError } from "@/lib/errors";
import { apiHandler } from "./api-handler";

export const API_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type ApiMethod = (typeof API_METHODS)[number];

type RouteHandler = (req: Request, ctx: { params: Promise<unknown> }) => Promise<Response>;

/** Every method on a path under /api/v1 that no route serves: the API's JSON 404. */
export function unknownPathHandlers(): Record<ApiMethod | "OPTIONS", RouteHandler> {
  const notFound = apiHandler<unknown>(async () => {
    throw new AppError("not_found", {}, "There is no API endpoint at this path: see /api/v1/openapi.json.");
  });
  return { GET: notFound, POST: notFound, PUT: notFound, PATCH: notFound, DELETE: notFound, OPTIONS: notFound };
}
