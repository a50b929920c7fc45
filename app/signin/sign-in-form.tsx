"use client";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { stepResolver } from "@/components/ui/step-resolver";
import { UntilHydrated } from "@/components/ui/until-hydrated";
import { signInSchema, type SignInInput } from "@/lib/validations/auth";

/** Asks next-auth for a magic link: fetches a CSRF token, then posts the address (rate limited: 429). */
export function SignInForm({ callbackPath }: { callbackPath: string }) {
  const form = useForm<SignInInput>({ resolver: stepResolver(signInSchema), defaultValues: { email: "" } });
  const [problem, setProblem] = useState<string | null>(null);

  const submit = form.handleSubmit(async ({ email }) => {
    setProblem(null);
    try {
      const csrf = await fetch("/api/auth/csrf", { cache: "no-store" }).then((r) => r.json() as Promise<{ csrfToken: string }>);
      const res = await fetch("/api/auth/signin/email", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ email: email.trim(), csrfToken: csrf.csrfToken, callbackUrl: callbackPath, json: "true" }),
      });
      const body = await res.json().catch(() => null) as { url?: string; error?: { message?: string } } | null;
      if (res.status === 429) return setProblem(body?.error?.message ?? "Too many sign-in attempts. Please wait and try again.");
      if (!res.ok || !body?.url || new URL(body.url).searchParams.has("error"))
        return setProblem("We could not send a sign-in link. Please check the address and try again.");
      window.location.assign(body.url);
    } catch {
      setProblem("We could not reach the server. Check your connection and try again.");
    }
  });

  return (
    <form onSubmit={submit} noValidate className="rounded-lg border border-stone-300 bg-white p-5">
      <UntilHydrated className="space-y-4">
        {problem && <p role="alert" className="rounded-md border-2 border-red-700 bg-red-50 p-3 font-medium text-red-800">{problem}</p>}
        <TextField label="Work email" type="email" autoComplete="email" error={form.formState.errors.email?.message}
          {...form.register("email")} />
        <Button type="submit" busy={form.formState.isSubmitting} busyLabel="Sending…" className="w-full">Email me a sign-in link</Button>
      </UntilHydrated>
    </form>
  );
}
