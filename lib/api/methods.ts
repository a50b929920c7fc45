// What a /api/v1 route answers for the methods it does not implement, and for paths no route serves. Next.js
// answers a missing method with a bare 405 (and lists every exported method in its automatic OPTIONS), and an
// unknown path with its HTML 404 page; integrators get the API's JSON error format instead, with the Allow header
// RFC 9110 asks of a 405.
import { AppError } from "@/lib/errors";
import { apiHandler, type ApiHandlerOptions } from "./api-handler";

export const API_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type ApiMethod = (typeof API_METHODS)[number];

type RouteHandler = (req: Request, ctx: { params: Promise<unknown> }) => Promise<Response>;

/** The Allow header of a route implementing `implemented`: Next.js answers HEAD with GET, and OPTIONS here. */
export function allowHeader(implemented: readonly string[]): string {
  const allowed = API_METHODS.filter((m) => implemented.includes(m)).flatMap((m) => (m === "GET" ? ["GET", "HEAD"] : [m]));
  return [...allowed, "OPTIONS"].join(", ");
}

function methodNotAllowed(method: ApiMethod, allow: string, options: ApiHandlerOptions): RouteHandler {
  return apiHandler<unknown>(async () => {
    const err = new AppError("method_not_allowed", { allow: allow.split(", ") }, `${method} is not supported here; use ${allow}.`);
    err.headers = { Allow: allow };
    throw err;
  }, { accessTokens: options.accessTokens });
}

/**
 * The other methods of a route, given its handlers: `export const { POST, PUT, PATCH, DELETE, OPTIONS } =
 * otherMethods({ GET });`. Each answers 405 with Allow (counted against the rate limits like any request);
 * OPTIONS answers 204 with the same Allow. `accessTokens`: the route takes a booking's access token, so its 405s
 * read the Bearer credential as its methods do (a bad API key is a 401 first, as everywhere).
 */
export function otherMethods<T extends Partial<Record<ApiMethod, unknown>>>(
  implemented: T, options: Pick<ApiHandlerOptions, "accessTokens"> = {},
): Record<Exclude<ApiMethod, keyof T> | "OPTIONS", RouteHandler> {
  const allow = allowHeader(Object.keys(implemented));
  const handlers: Record<string, RouteHandler> = {};
  for (const method of API_METHODS) if (!(method in implemented)) handlers[method] = methodNotAllowed(method, allow, options);
  handlers.OPTIONS = async () => new Response(null, { status: 204, headers: { Allow: allow } });
  return handlers as Record<Exclude<ApiMethod, keyof T> | "OPTIONS", RouteHandler>;
}

/**
 * Every method on a path under /api/v1 that no route serves: the API's JSON 404. Its caller may hold either kind
 * of Bearer credential (a booking's access token on a mistyped path too); a bad API key is a 401 here as well.
 */
export function unknownPathHandlers(): Record<ApiMethod | "OPTIONS", RouteHandler> {
  const notFound = apiHandler<unknown>(async () => {
    throw new AppError("not_found", {}, "There is no API endpoint at this path: see /api/v1/openapi.json.");
  }, { accessTokens: true });
  return { GET: notFound, POST: notFound, PUT: notFound, PATCH: notFound, DELETE: notFound, OPTIONS: notFound };
}
