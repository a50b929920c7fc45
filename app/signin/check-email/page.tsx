import type { Metadata } from "next";
import Link from "next/link";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Check your email", robots: { index: false } };

export default function CheckEmailPage() {
  return (
    <div className="mx-auto max-w-md space-y-4">
      <h1 className="text-3xl font-bold">Check your email</h1>
      <p role="status">If the address you entered belongs to a staff account, we have emailed it a sign-in link.</p>
      <p className="text-stone-700">The link works once and expires in {env().MAGIC_LINK_MINUTES} minutes. You can close this page.</p>
      <Link href="/signin" className="underline">Use a different address</Link>
    </div>
  );
}
