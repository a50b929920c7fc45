import { zodResolver } from "@hookform/resolvers/zod";
import type { FieldValues, Resolver } from "react-hook-form";
import type { z } from "zod";

/**
 * The shared zod schema as a react-hook-form resolver. Raw mode keeps the form's own values (such as an
 * attendee's key) on submit; the schema still decides what is valid.
 */
export function stepResolver<V extends FieldValues>(schema: z.ZodType): Resolver<V> {
  return zodResolver(schema as z.ZodType<FieldValues, FieldValues>, undefined, { raw: true }) as unknown as Resolver<V>;
}
