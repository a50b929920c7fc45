// Rules across fields of a staff form (a deposit below the price, an end after the start) that are checked as
// soon as the fields they read are valid, even while other fields are not: zod runs an object's refinements and
// transforms only once every field parsed, so a form would list "the deposit must be less than the price" only
// after the missing title was fixed, in a second submit.
import { z } from "zod";

/**
 * A check for `.check()` on an object schema: `refine` runs when the input is an object and none of `keys` has
 * an issue of its own, whatever the other fields' issues. Its issues name their own paths (ctx.addIssue with
 * `path`). A later `.transform` runs only when no check added an issue, so it may take the rules as met.
 */
export function acrossFields<T extends object>(keys: readonly (keyof T & string)[], refine: (value: T, ctx: z.RefinementCtx<T>) => void): z.core.$ZodCheck<T> {
  const check = z.superRefine(refine);
  check._zod.def.when = (payload) => typeof payload.value === "object" && payload.value !== null && !Array.isArray(payload.value)
    && !payload.issues.some((issue) => !issue.path?.length || (keys as readonly PropertyKey[]).includes(issue.path[0]));
  return check;
}
