"use client";
import { useEffect } from "react";
import { RefreshWhile } from "@/components/ui/refresh-while";
import { migrateDraft } from "./types";
import { keyFor as draftKey } from "./use-draft";

/**
 * While a payment is being confirmed, re-reads the booking. Once the booking is paid, the wizard's draft that
 * made it is cleared; a draft of another booking of the course (one being filled in while an older booking's
 * page is opened) is kept.
 */
export function BookingStatusWatch({ pending, paid, reference, courseSlug }: { pending: boolean; paid: boolean; reference: string; courseSlug: string }) {
  useEffect(() => {
    if (!paid) return;
    try {
      const raw = window.localStorage.getItem(draftKey(courseSlug));
      if (raw && migrateDraft(JSON.parse(raw))?.checkoutReference === reference) window.localStorage.removeItem(draftKey(courseSlug));
    } catch {
      // An unreadable draft: the wizard starts afresh anyway.
    }
  }, [paid, reference, courseSlug]);
  return <RefreshWhile active={pending} />;
}
