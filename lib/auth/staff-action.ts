// The one wrapper for staff server actions: resolves the session, checks the role, validates the input with
// the same zod schema the form uses, and turns typed errors into a result the form can show.
import type { z } from "zod";
import { getDb, type Db } from "@/db";
import { AppError, type ErrorCode } from "@/lib/errors";
import { fieldErrors } from "@/lib/validations/booking";
import { untrustedInputErrors } from "@/lib/validations/untrusted-input";
import { requireStaffAction, type Role, type Staff } from "./guard";
import { log } from "@/lib/log";

export type ActionResult<T = null> =
  | { ok: true; data: T }
  | { ok: false; code: ErrorCode; message: string; fields?: Record<string, string> };

export type StaffActionContext = { db: Db; staff: Staff };

/** A staff action as a client component receives it: its page passes the server action in as a prop. */
export type StaffAction<T = null> = (input: unknown) => Promise<ActionResult<T>>;

export function staffAction<S extends z.ZodType, T>(
  roles: readonly Role[],
  schema: S,
  fn: (input: z.output<S>, ctx: StaffActionContext) => Promise<T>,
) {
  return async (raw: unknown): Promise<ActionResult<T>> => {
    try {
      const staff = await requireStaffAction(roles);
      const unsafe = untrustedInputErrors(raw);
      if (unsafe) return { ok: false, code: "invalid_request", message: "Some fields need attention.", fields: unsafe };
      const parsed = schema.safeParse(raw);
      if (!parsed.success)
        return { ok: false, code: "invalid_request", message: "Some fields need attention.", fields: fieldErrors(parsed.error) };
      return { ok: true, data: await fn(parsed.data, { db: getDb(), staff }) };
    } catch (err) {
      if (err instanceof AppError) {
        const fields = err.details.fields as Record<string, string> | undefined;
        return { ok: false, code: err.code, message: err.message, ...(fields ? { fields } : {}) };
      }
      log.error({ err }, "staff action failed");
      return { ok: false, code: "internal_error", message: "Something went wrong on our side. Please try again." };
    }
  };
}
