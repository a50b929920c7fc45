// One wrapper for route handlers: parses and validates JSON input, maps AppError to its HTTP answer.
import type { z } from "zod";
import { AppError, errorResponse } from "@/lib/errors";
import { fieldErrors } from "@/lib/validations/booking";

export async function readJsonBody(req: Request): Promise<unknown> {
  try {
    return await req.json();
  } catch {
    throw new AppError("invalid_request", { fields: { _root: "The body must be valid JSON" } }, "The body must be valid JSON.");
  }
}

export async function parseJsonBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  return parseInput(await readJsonBody(req), schema);
}

export function parseInput<S extends z.ZodType>(raw: unknown, schema: S): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new AppError("invalid_request", { fields: fieldErrors(parsed.error) });
  return parsed.data;
}

type Ctx<P> = { params: Promise<P> };

export function handler<P = Record<string, string>>(fn: (req: Request, ctx: Ctx<P>) => Promise<Response>) {
  return async (req: Request, ctx: Ctx<P>): Promise<Response> => {
    try {
      return await fn(req, ctx);
    } catch (err) {
      return errorResponse(err);
    }
  };
}

export function bearerToken(req: Request): string | null {
  const header = req.headers.get("authorization");
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1] ?? null;
}
