"use client";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import type { StaffAction } from "@/lib/auth/staff-action";

export function AcknowledgeButton({ requirementId, what, acknowledgeRequirement }: {
  requirementId: string; what: string; acknowledgeRequirement: StaffAction<unknown>;
}) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex flex-col items-start gap-1">
      <Button variant="secondary" busy={pending} busyLabel="Saving…" className="min-h-9 px-3 py-1 text-sm"
        aria-label={`Acknowledge ${what}`}
        onClick={() => start(async () => {
          const result = await acknowledgeRequirement({ requirementId });
          setError(result.ok ? null : result.message);
        })}>
        Acknowledge
      </Button>
      {error && <span role="alert" className="text-sm font-medium text-red-700">{error}</span>}
    </span>
  );
}
