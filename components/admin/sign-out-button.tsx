"use client";
import { useTransition } from "react";
import { Button } from "@/components/ui/button";
import type { StaffAction } from "@/lib/auth/staff-action";
import { forgetCheckInDataOnThisDevice } from "@/lib/check-in/service-worker/forget";

export function SignOutButton({ signOut }: { signOut: StaffAction }) {
  const [pending, start] = useTransition();
  return (
    <Button variant="secondary" busy={pending} busyLabel="Signing out…" className="min-h-9 px-3 py-1 text-sm"
      onClick={() => start(async () => {
        await signOut(null);
        await forgetCheckInDataOnThisDevice();
        window.location.assign("/signin");
      })}>
      Sign out
    </Button>
  );
}
