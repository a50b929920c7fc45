import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentStaff } from "@/lib/auth/guard";
import { safeCallbackPath } from "@/lib/validations/auth";
import { SignInForm } from "./sign-in-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Staff sign-in", robots: { index: false } };

const errorMessages: Record<string, string> = {
  Verification: "That sign-in link has expired or has already been used. Ask for a new one below.",
  AccessDenied: "This account cannot sign in. Ask an administrator if you should have access.",
  EmailSignin: "We could not send the sign-in email. Please try again.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const sp = await searchParams;
  const callbackPath = safeCallbackPath(sp.callbackUrl);
  if (await currentStaff()) redirect(callbackPath);
  const error = sp.error ? (errorMessages[sp.error] ?? "Sign-in did not work. Please try again.") : null;
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-3xl font-bold">Staff sign-in</h1>
      <p className="text-stone-700">Enter your work email address and we will email you a link to sign in. Customers do not need an account to book.</p>
      {error && <p role="alert" className="rounded-md border-2 border-red-700 bg-red-50 p-3 font-medium text-red-800">{error}</p>}
      <SignInForm callbackPath={callbackPath} />
    </div>
  );
}
