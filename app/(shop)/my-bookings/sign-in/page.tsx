import type { Metadata } from "next";
import { UseLinkForm } from "@/components/customer/forms";
import { signInWithToken } from "../actions";
import { safeReturnPath } from "@/lib/customer/sign-in";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in to my bookings", robots: { index: false }, referrer: "no-referrer" };

// The link opens this page; pressing the button spends it. Mail scanners that fetch links never sign anyone in.
export default async function UseLinkPage({ searchParams }: { searchParams: Promise<{ token?: string; next?: string }> }) {
  const { token, next } = await searchParams;
  return (
    <div className="mx-auto max-w-md space-y-4">
      <h1 className="text-3xl font-bold">Sign in to my bookings</h1>
      {token ? <UseLinkForm action={signInWithToken} token={token} next={safeReturnPath(next)} /> : (
        <p role="alert">This link is incomplete. <a className="font-medium text-brand-700 underline" href="/my-bookings">Ask for a new one</a>.</p>
      )}
    </div>
  );
}
