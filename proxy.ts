// Runs before every page and route: a fresh CSP nonce per request with the security headers (see
// lib/http/security-headers.ts), and the requested path for server components, so a sign-in redirect can
// return the user to it. Every request carries an `x-request-id` (the server hook in
// lib/http/request-observer.ts usually set it already) that route handlers read and the response repeats.
import { NextResponse, type NextRequest } from "next/server";
import { REQUEST_ID_HEADER, requestIdFrom } from "@/lib/http/request-id";
import { newNonce, securityHeaders, servedOverHttps } from "@/lib/http/security-headers";

export function proxy(req: NextRequest) {
  const nonce = newNonce();
  const headers = securityHeaders({
    nonce,
    https: servedOverHttps(process.env.APP_URL, req.headers.get("x-forwarded-proto")),
    dev: process.env.NODE_ENV === "development",
  });
  const forward = new Headers(req.headers);
  const requestId = requestIdFrom(req.headers.get(REQUEST_ID_HEADER));
  forward.set(REQUEST_ID_HEADER, requestId);
  forward.set("x-turnout-path", req.nextUrl.pathname + req.nextUrl.search);
  // Next.js takes the nonce for its scripts from the request's CSP header.
  forward.set("content-security-policy", headers["content-security-policy"]);
  forward.set("x-nonce", nonce);
  const res = NextResponse.next({ request: { headers: forward } });
  for (const [name, value] of Object.entries(headers)) res.headers.set(name, value);
  res.headers.set(REQUEST_ID_HEADER, requestId);
  return res;
}

// Everything but the build's static files, which carry no script to protect.
export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"] };
