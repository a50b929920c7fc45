"use client";
import { useEffect } from "react";
import { useRouter } from "next/navigation";

/** While a payment is being confirmed, re-reads the booking every two seconds (for up to two minutes). */
export function BookingStatusWatch({ pending, courseSlug }: { pending: boolean; courseSlug: string }) {
  const router = useRouter();
  useEffect(() => {
    if (!pending) {
      window.localStorage.removeItem(`turnout:booking-draft:${courseSlug}`);
      return;
    }
    let ticks = 0;
    const timer = setInterval(() => {
      if (++ticks > 60) clearInterval(timer);
      router.refresh();
    }, 2000);
    return () => clearInterval(timer);
  }, [pending, courseSlug, router]);
  return null;
}
