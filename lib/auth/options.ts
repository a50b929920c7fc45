// next-auth (v4) for staff: emailed magic links, database sessions in auth_sessions through the Drizzle
// adapter, and no self-registration: only addresses with an active users row can sign in.
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import { and, eq, isNull } from "drizzle-orm";
import type { NextAuthOptions } from "next-auth";
import EmailProvider from "next-auth/providers/email";
import { getDb } from "@/db";
import { accounts, authSessions, users, verificationTokens } from "@/db/schema";
import { env } from "@/lib/env";
import { recordAudit } from "@/lib/audit/record-audit";
import { sendMagicLink } from "./magic-link-email";

export const SIGN_IN_PAGE = "/signin";
export const CHECK_EMAIL_PAGE = "/signin/check-email";
const SESSION_HOURS = 12;

export async function findActiveStaffByEmail(email: string) {
  const [row] = await getDb().select({ id: users.id }).from(users)
    .where(and(eq(users.email, email.trim().toLowerCase()), isNull(users.disabledAt)));
  return row ?? null;
}

/** Where next-auth sends the browser after a link was emailed; an unknown address is sent to the same place. */
export function verifyRequestUrl(): string {
  return `${authBaseUrl()}/api/auth/verify-request?provider=email&type=email`;
}

function authBaseUrl(): string {
  return (process.env.NEXTAUTH_URL ?? env().APP_URL).replace(/\/$/, "");
}

let cached: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  if (cached) return cached;
  // next-auth builds its links from NEXTAUTH_URL; the app's own URL is the right default.
  process.env.NEXTAUTH_URL ??= env().APP_URL;
  const minutes = env().MAGIC_LINK_MINUTES;
  cached = {
    secret: env().APP_SECRET,
    adapter: DrizzleAdapter(getDb(), {
      usersTable: users,
      accountsTable: accounts,
      sessionsTable: authSessions,
      verificationTokensTable: verificationTokens,
    }) as NextAuthOptions["adapter"],
    session: { strategy: "database", maxAge: SESSION_HOURS * 3600, updateAge: 3600 },
    providers: [
      EmailProvider({
        maxAge: minutes * 60,
        // Required by the provider's type; sending goes through sendVerificationRequest below.
        server: env().SMTP_URL ?? "smtp://localhost:25",
        from: env().MAIL_FROM,
        async sendVerificationRequest({ identifier, url }) {
          await sendMagicLink(getDb(), { to: identifier, url, minutes });
        },
      }),
    ],
    pages: { signIn: SIGN_IN_PAGE, verifyRequest: CHECK_EMAIL_PAGE, error: SIGN_IN_PAGE },
    events: {
      async signIn({ user }) {
        if (user.id && user.email)
          await recordAudit(getDb(), { id: user.id, email: user.email }, { action: "auth.sign_in", entityType: "user", entityId: user.id });
      },
    },
    callbacks: {
      async signIn({ user, email }) {
        const staff = user.email ? await findActiveStaffByEmail(user.email) : null;
        if (staff) return true;
        // Asking for a link with an unknown address looks exactly like asking with a staff one; nothing is sent.
        if (email?.verificationRequest) return verifyRequestUrl();
        return false;
      },
    },
  };
  return cached;
}
