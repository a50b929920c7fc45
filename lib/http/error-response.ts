// The HTTP answer for an error thrown in a route handler (server only: it logs, lib/errors.ts stays
// importable from client components).
import { AppError, errorBody } from "@/lib/errors";
import { log } from "@/lib/log";

export function errorResponse(err: unknown): Response {
  if (err instanceof AppError) return Response.json(errorBody(err), { status: err.status, headers: err.headers });
  log.error({ err }, "unexpected error answering a request");
  const internal = new AppError("internal_error");
  return Response.json(errorBody(internal), { status: 500 });
}
