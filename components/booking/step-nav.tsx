"use client";
import { Button } from "@/components/ui/button";

export function StepNav({ onBack, busy, nextLabel = "Continue" }: { onBack?: () => void; busy?: boolean; nextLabel?: string }) {
  return (
    // Back comes first on every screen, as it does in the tab order (on a phone, Back above Continue).
    <div className="mt-8 flex flex-col gap-3 sm:flex-row sm:justify-between">
      {onBack ? <Button type="button" variant="secondary" onClick={onBack}>Back</Button> : <span />}
      <Button type="submit" busy={busy}>{nextLabel}</Button>
    </div>
  );
}
