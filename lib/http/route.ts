// One wrapper for route handlers: parses and validates JSON input, maps AppError to its HTTP answer.
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/error-response";
import { fieldErrors } from "@/lib/validations/booking";
import { unknownFields } from "@/lib/validations/unknown-fields";
import { untrustedInputErrors } from "@/lib/validations/untrusted-input";
import { JSON_BODY_LIMIT, readJsonBody } from "./read-body";

/** A JSON body (capped at `limit` bytes, 413 beyond) validated by `schema`; 400 with field errors otherwise. */
export async function parseJsonBody<S extends z.ZodType>(req: Request, schema: S, limit = JSON_BODY_LIMIT): Promise<z.infer<S>> {
  return parseInput(await readJsonBody(req, limit), schema);
}

export { readJsonBody };

/** Input already read (a body whose schema depends on its content): refused when hostile, validated by `schema`. */
export function parseInput<S extends z.ZodType>(raw: unknown, schema: S, o: { refuseUnknownFields?: boolean } = {}): z.infer<S> {
  const unsafe = untrustedInputErrors(raw);
  if (unsafe) throw new AppError("invalid_request", { fields: unsafe });
  const parsed = schema.safeParse(raw);
  const unknown = o.refuseUnknownFields ? unknownFields(raw, schema) : {};
  const fields = { ...(parsed.success ? {} : fieldErrors(parsed.error)), ...unknown };
  if (!parsed.success || Object.keys(unknown).length > 0) throw new AppError("invalid_request", { fields });
  return parsed.data;
}

/**
 * A public API request's input: as parseInput, and a field the schema does not take (a misspelt name, at any depth)
 * is a 400 naming it, where the booking wizard's own requests have such fields dropped.
 */
export function parseApiInput<S extends z.ZodType>(raw: unknown, schema: S): z.infer<S> {
  return parseInput(raw, schema, { refuseUnknownFields: true });
}

/** A public API request's JSON body (parseJsonBody's limit), checked as parseApiInput checks it. */
export async function parseApiJsonBody<S extends z.ZodType>(req: Request, schema: S, limit = JSON_BODY_LIMIT): Promise<z.infer<S>> {
  return parseApiInput(await readJsonBody(req, limit), schema);
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
