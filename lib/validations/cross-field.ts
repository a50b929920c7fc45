// Rules across fields of a staff form (a deposit below the price, an end after the start) that are checked as
// soon as the fields they read are valid, even while other fields are not: zod skips an object's refinements
// after a field's parse was aborted (a wrong type, a failed transform) and runs its transforms only once every
// field parsed, so a form would list "the deposit must be less than the price" only after the missing title
// was fixed, in a second submit.
import { z } from "zod";

/**
 * A check for `.check()` on an object schema: `refine` runs when the input is an object and none of `keys` has
 * an issue of its own, whatever the other fields' issues. Its issues name their own paths (ctx.addIssue with
 * `path`). A later `.transform` runs only when no check added an issue, so it may take the rules as met.
 */
export function acrossFields<T extends object, K extends keyof T & string = keyof T & string>(
  keys: readonly K[], refine: (value: Pick<T, K>, ctx: z.RefinementCtx<T>) => void,
): z.core.$ZodCheck<T> {
  // The rule is given only the fields it waits for: others may hold raw input that failed its own parse.
  const check = z.superRefine<T>((value, ctx) => refine(value, ctx));
  check._zod.def.when = (payload) => typeof payload.value === "object" && payload.value !== null && !Array.isArray(payload.value)
    && !payload.issues.some((issue) => !issue.path?.length || (keys as readonly PropertyKey[]).includes(issue.path[0]));
  return check;
}

/**
 * acrossFields for one form's fields, the rule given only the fields it names:
 * `const across = acrossFieldsOf<Fields>(); across(["min", "max"], (v, ctx) => …)`.
 */
export function acrossFieldsOf<T extends object>() {
  return <K extends keyof T & string>(keys: readonly K[], refine: (value: Pick<T, K>, ctx: z.RefinementCtx<T>) => void) =>
    acrossFields<T, K>(keys, refine);
}
