// Staff sign-in input.
import { z } from "zod";

export const signInSchema = z.object({
  email: z.string({ error: "Email is required" }).trim().min(1, "Email is required").max(254, "Email is too long")
    .pipe(z.email("Enter a valid email address")),
});

export type SignInInput = z.input<typeof signInSchema>;

/** Only a path on this site: never another origin, never a protocol-relative `//host`. */
export function safeCallbackPath(raw: string | undefined | null, fallback = "/admin"): string {
  if (!raw || !raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return fallback;
  return raw;
}
