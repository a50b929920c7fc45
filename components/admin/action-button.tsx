"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/auth/staff-action";

/** A button running one server action (archive, restore, delete…), with an optional confirmation. */
export function ActionButton<I, R>({ action, input, children, confirm, busyLabel = "Working…", variant = "secondary", redirectTo, danger, doneLabel }: {
  action: (input: I) => Promise<ActionResult<R>>;
  input: I;
  children: React.ReactNode;
  confirm?: string;
  busyLabel?: string;
  variant?: "primary" | "secondary";
  redirectTo?: string;
  danger?: boolean;
  /** Said (and announced) once the action has succeeded, for an action whose effect the page does not show at once. */
  doneLabel?: string;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  return (
    <div className="space-y-1">
      <Button type="button" variant={variant} busy={pending} busyLabel={busyLabel}
        className={danger ? "border-red-700 text-red-800 hover:bg-red-50" : ""}
        onClick={() => {
          if (confirm && !window.confirm(confirm)) return;
          start(async () => {
            setDone(false);
            const result = await action(input);
            if (!result.ok) return setError(result.message);
            setError(null);
            setDone(true);
            if (redirectTo) router.push(redirectTo);
            else router.refresh();
          });
        }}>
        {children}
      </Button>
      {error && <p role="alert" className="text-sm font-medium text-red-700">{error}</p>}
      {doneLabel && <p role="status" className="text-sm text-stone-700">{done && !error ? doneLabel : ""}</p>}
    </div>
  );
}
