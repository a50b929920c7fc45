"use client";
import { useEffect } from "react";
import { useRouter } from "next/navigation";

/**
 * While `active`, re-reads the page's data every two seconds, for up to two minutes: for work finished in the
 * background (a payment being confirmed, a cancelled session's refunds) that the page shows as it completes.
 */
export function RefreshWhile({ active }: { active: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    let ticks = 0;
    const timer = setInterval(() => {
      if (++ticks > 60) clearInterval(timer);
      router.refresh();
    }, 2000);
    return () => clearInterval(timer);
  }, [active, router]);
  return null;
}
