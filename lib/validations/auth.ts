// Staff sign-in input.
import { z } from "zod";

export const signInSchema = z.object({
  email: z.string({ error: "Email is required" }).trim().min(1, "Email is required").max(254, "Email is too long")
    .pipe(z.email("Enter a valid email address")),
});

export type SignInInput = z.input<typeof signInSchema>;

const SAME_SITE = "http://turnout.invalid";

/** Only a path on this site: never another origin, never a protocol-relative `//host`. */
export function safeCallbackPath(raw: string | undefined | null, fallback = "/admin"): string {
  if (!raw || !raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return fallback;
  // Read it as a browser would: tabs and line breaks vanish and "\" is "/", so "/\t/evil.example" is another host.
  let url: URL;
  try {
    url = new URL(raw, SAME_SITE);
  } catch {
    return fallback;
  }
  if (url.origin !== SAME_SITE) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
