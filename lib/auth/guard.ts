// The one place role checks live. Pages: anonymous → sign-in, wrong role → 403. Route handlers and
// server actions: 401 / 403. Every staff page, action and route goes through one of these.
import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { getDb } from "@/db";
import { AppError } from "@/lib/errors";
import { handler } from "@/lib/http/route";
import { activeSessionCookieName, sessionTokenFromCookieHeader, staffForSessionToken, type Role, type Staff } from "./session";

export type { Role, Staff };

export async function currentStaff(): Promise<Staff | null> {
  const jar = await cookies();
  const token = jar.get(activeSessionCookieName())?.value;
  return staffForSessionToken(getDb(), token);
}

function allowed(staff: Staff, roles: readonly Role[]) {
  return roles.includes(staff.role);
}

/** For server components (pages and layouts). */
export async function requireStaffPage(roles: readonly Role[]): Promise<Staff> {
  const staff = await currentStaff();
  if (!staff) {
    const h = await headers();
    const path = h.get("x-turnout-path") ?? "/admin";
    redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  }
  if (!allowed(staff, roles)) forbidden();
  return staff;
}

/** For server actions: throws AppError("unauthorized" | "forbidden"). */
export async function requireStaffAction(roles: readonly Role[]): Promise<Staff> {
  const staff = await currentStaff();
  if (!staff) throw new AppError("unauthorized");
  if (!allowed(staff, roles)) throw new AppError("forbidden");
  return staff;
}

export async function staffFromRequest(req: Request): Promise<Staff | null> {
  return staffForSessionToken(getDb(), sessionTokenFromCookieHeader(req.headers.get("cookie")));
}

type Ctx<P> = { params: Promise<P> };

/** Wraps a staff route handler: 401 without a session, 403 with the wrong role, AppError mapped. */
export function staffRoute<P = Record<string, string>>(
  roles: readonly Role[],
  fn: (req: Request, ctx: Ctx<P> & { staff: Staff }) => Promise<Response>,
) {
  return handler<P>(async (req, ctx) => {
    const staff = await staffFromRequest(req);
    if (!staff) throw new AppError("unauthorized");
    if (!allowed(staff, roles)) throw new AppError("forbidden");
    return fn(req, { ...ctx, staff });
  });
}
