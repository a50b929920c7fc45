"use client";
import { useEffect } from "react";
import { useRouter } from "next/navigation";
import { migrateDraft } from "./types";
import { keyFor as draftKey } from "./use-draft";

/**
 * While a payment is being confirmed, re-reads the booking every two seconds (for up to two minutes). Once the
 * booking is paid, the wizard's draft that made it is cleared; a draft of another booking of the course (one
 * being filled in while an older booking's page is opened) is kept.
 */
export function BookingStatusWatch({ pending, paid, reference, courseSlug }: { pending: boolean; paid: boolean; reference: string; courseSlug: string }) {
  const router = useRouter();
  useEffect(() => {
    if (paid) {
      try {
        const raw = window.localStorage.getItem(draftKey(courseSlug));
        if (raw && migrateDraft(JSON.parse(raw))?.checkoutReference === reference) window.localStorage.removeItem(draftKey(courseSlug));
      } catch {
        // An unreadable draft: the wizard starts afresh anyway.
      }
    }
    if (!pending) return;
    let ticks = 0;
    const timer = setInterval(() => {
      if (++ticks > 60) clearInterval(timer);
      router.refresh();
    }, 2000);
    return () => clearInterval(timer);
  }, [pending, paid, reference, courseSlug, router]);
  return null;
}
