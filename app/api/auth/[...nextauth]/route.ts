// next-auth's endpoints. Requests for a magic link pass the sign-in rate limits first, here at the HTTP
// edge, so no client (our form or a script) can get past them.
import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { getDb } from "@/db";
import { authOptions } from "@/lib/auth/options";
import { signInRateLimit } from "@/lib/auth/sign-in-gate";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ nextauth: string[] }> };

async function handle(req: NextRequest, ctx: Ctx) {
  const { nextauth } = await ctx.params;
  if (req.method === "POST" && nextauth[0] === "signin" && nextauth[1] === "email") {
    const limited = await signInRateLimit(getDb(), req);
    if (limited) return limited;
  }
  return NextAuth(req as never, ctx as never, authOptions()) as Promise<Response>;
}

export { handle as GET, handle as POST };
