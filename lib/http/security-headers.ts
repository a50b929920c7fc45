// The security headers every response carries, and the Content-Security-Policy of pages. Scripts run only
// with the request's nonce ('strict-dynamic' lets those scripts load the chunks they need, and Stripe.js);
// Next.js reads the nonce from the request's CSP header and puts it on its own scripts.

export type SecurityHeaderOptions = { nonce: string; https: boolean; dev: boolean };

/** Stripe.js and the frames it opens (card fields, 3-D Secure), and Checkout, which forms may post to. */
const STRIPE = {
  script: ["https://js.stripe.com"],
  frame: ["https://js.stripe.com", "https://hooks.stripe.com", "https://checkout.stripe.com"],
  connect: ["https://api.stripe.com"],
  form: ["https://checkout.stripe.com"],
};

export function contentSecurityPolicy({ nonce, dev }: Pick<SecurityHeaderOptions, "nonce" | "dev">): string {
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    // React's development build evaluates code for its error overlays; production never needs eval.
    "script-src": ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...STRIPE.script, ...(dev ? ["'unsafe-eval'"] : [])],
    // Inline style attributes (a progress bar's width, emails shown in the outbox) are harmless enough to allow.
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'", ...STRIPE.connect, ...(dev ? ["ws:", "wss:"] : [])],
    "frame-src": [...STRIPE.frame],
    "worker-src": ["'self'", "blob:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'", ...STRIPE.form],
    "frame-ancestors": ["'none'"],
  };
  return Object.entries(directives).map(([name, values]) => `${name} ${values.join(" ")}`).join("; ");
}

/** Headers for every response (pages, route handlers and API alike). */
export function securityHeaders(o: SecurityHeaderOptions): Record<string, string> {
  return {
    "content-security-policy": contentSecurityPolicy(o),
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    // The camera for the check-in page's QR scanner, on this site only; Stripe's frames may ask for payment.
    "permissions-policy": [
      "camera=(self)", "microphone=()", "geolocation=()", "usb=()", "serial=()", "hid=()",
      "payment=(self \"https://js.stripe.com\" \"https://checkout.stripe.com\")",
    ].join(", "),
    "x-frame-options": "DENY",
    ...(o.https ? { "strict-transport-security": "max-age=63072000; includeSubDomains" } : {}),
  };
}

/** Served over HTTPS: the public URL is https, or the proxy in front says the request came in over https. */
export function servedOverHttps(appUrl: string | undefined, forwardedProto: string | null): boolean {
  return appUrl?.startsWith("https://") === true || forwardedProto?.split(",")[0].trim().toLowerCase() === "https";
}

/** A fresh nonce per request: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
