"use client";
import { useState, useTransition } from "react";
import { acknowledgeRequirement } from "@/app/admin/requirements/actions";
import { Button } from "@/components/ui/button";

export function AcknowledgeButton({ requirementId, what }: { requirementId: string; what: string }) {
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
