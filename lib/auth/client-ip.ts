// The client's address for rate limiting. Next.js fills x-forwarded-for with the socket address when no
// proxy did; a proxy in front appends the address it saw, so the last entry is the one a client cannot forge.
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").map((s) => s.trim()).filter(Boolean).at(-1);
  const ip = last ?? headers.get("x-real-ip")?.trim();
  return ip ? ip.replace(/^::ffff:/, "") : "unknown";
}
