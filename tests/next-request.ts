// A stand-in for Next.js's request scope in integration tests: the cookies a server action or page sees,
// and the path a sign-in redirect returns to. Test files route `next/headers` and `next/cache` here:
//   vi.mock("next/headers", () => import("../next-request").then((m) => m.headersModule));
//   vi.mock("next/cache", () => import("../next-request").then((m) => m.cacheModule));
// and, for pages whose client parts ask for the router (which only a browser-side app provides):
//   vi.mock("next/navigation", (original) => import("../next-request").then((m) => m.navigationModule(original)));
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { authSessions, users, type StaffRole } from "@/db/schema";

const state = { cookies: new Map<string, string>(), path: "/admin", revalidated: [] as string[] };

export const headersModule = {
  cookies: async () => ({
    get: (name: string) => (state.cookies.has(name) ? { name, value: state.cookies.get(name)! } : undefined),
    getAll: () => [...state.cookies].map(([name, value]) => ({ name, value })),
    has: (name: string) => state.cookies.has(name),
    set: (name: string, value: string) => { state.cookies.set(name, value); },
    delete: (name: string) => { state.cookies.delete(name); },
  }),
  headers: async () => new Headers({ "x-turnout-path": state.path }),
};

export const cacheModule = {
  revalidatePath: (path: string) => { state.revalidated.push(path); },
  revalidateTag: () => {},
};

/** next/navigation as it is, with a router that does nothing. */
export async function navigationModule(original: () => Promise<unknown>) {
  return {
    ...(await original() as Record<string, unknown>),
    useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }),
  };
}

export type TestStaff = { id: string; email: string; name: string; role: StaffRole; token: string };

/** A staff user (created once per email) with a fresh database session. */
export async function staffSession(role: StaffRole, email = `${role}-${randomBytes(4).toString("hex")}@turnout.test`): Promise<TestStaff> {
  const db = getDb();
  const [user] = await db.insert(users).values({ email, name: `Test ${role}`, role })
    .onConflictDoUpdate({ target: users.email, set: { role } }).returning();
  const token = randomBytes(32).toString("hex");
  await db.insert(authSessions).values({ sessionToken: token, userId: user.id, expires: new Date(Date.now() + 3_600_000) });
  return { id: user.id, email: user.email, name: user.name ?? "", role: user.role, token };
}

/** Acts as this staff member (or nobody) for the following calls. */
export function actAs(staff: { token: string } | null, path = "/admin") {
  state.cookies.clear();
  if (staff) state.cookies.set("next-auth.session-token", staff.token);
  state.path = path;
}

export function revalidatedPaths() {
  return state.revalidated;
}

export async function sessionExists(token: string) {
  const [row] = await getDb().select().from(authSessions).where(eq(authSessions.sessionToken, token));
  return Boolean(row);
}

/** The error Next.js throws for redirect(), notFound() and forbidden(), read from its digest. */
export function nextInterrupt(err: unknown): { kind: "redirect"; location: string } | { kind: "status"; status: number } | null {
  const digest = (err as { digest?: string })?.digest;
  if (typeof digest !== "string") return null;
  if (digest.startsWith("NEXT_REDIRECT")) return { kind: "redirect", location: digest.split(";").slice(2, -2).join(";") };
  if (digest.startsWith("NEXT_HTTP_ERROR_FALLBACK")) return { kind: "status", status: Number(digest.split(";")[1]) };
  return null;
}

/**
 * The text a server component tree carries (strings and numbers in props), without rendering client parts.
 * Children of one element run together as on the page ("2 booked, 0 held"); other props are spaced apart.
 */
export function pageText(node: unknown, seen = new Set<unknown>()): string {
  if (node === null || node === undefined || typeof node === "boolean") return "";
  if (typeof node === "string" || typeof node === "number") return String(node);
  if (typeof node !== "object" || seen.has(node)) return "";
  seen.add(node);
  if (Array.isArray(node)) return node.map((n) => pageText(n, seen)).join("");
  const props = (node as { props?: Record<string, unknown> }).props;
  return props ? Object.values(props).map((v) => pageText(v, seen)).join(" ") : "";
}
