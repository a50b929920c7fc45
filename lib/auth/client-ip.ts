// The client's address, for every rate limit. TRUSTED_PROXY_HOPS says how many reverse proxies stand in
// front of the app: 0 means none, so the socket's own address counts and X-Forwarded-For (which any client
// can write) is ignored; N means the Nth entry from the right of X-Forwarded-For, the one the outermost
// trusted proxy appended. A client can only add entries on the left, so cannot choose its identity.
import { env } from "@/lib/env";
import { peerAddressHeader } from "@/lib/http/peer-address";

function normalise(address: string | undefined | null): string | null {
  const a = address?.trim();
  if (!a) return null;
  return a.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "").slice(0, 64);
}

export function clientIp(headers: Pick<Headers, "get">, hops: number = env().TRUSTED_PROXY_HOPS): string {
  const socket = normalise(headers.get(peerAddressHeader()));
  if (hops === 0) return socket ?? "unknown";
  const forwarded = (headers.get("x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  // Fewer entries than proxies: the request skipped a proxy, and the furthest entry is the best we know.
  const entry = forwarded.length === 0 ? null : forwarded[Math.max(0, forwarded.length - hops)];
  return normalise(entry) ?? socket ?? "unknown";
}
