"use client";
// A drawn seat map as one tab stop: the arrow keys (and Home, End, Page Up, Page Down) move the focus from seat
// to seat as they are drawn (lib/seating/map-keys.ts), Enter or Space chooses the seat with the focus. Used by
// the customer's seat step and the staff's session seat map; each gives its seats' other attributes.
import { useRef, useState } from "react";
import { firstSeat, isSeatKey, seatTowards, type MapPoint } from "@/lib/seating/map-keys";

/**
 * `seats` in map units (lib/seating/map-style.ts inMapUnits), `preferred` the tab stop before any seat had focus
 * (a chosen seat), `choose` what Enter or Space does. Returns each seat's focus props, the seat the keyboard's
 * focus is on (for a drawn ring), and `moveTo` for a seat chosen by pointer (it becomes the tab stop).
 */
export function useRovingSeats(seats: readonly MapPoint[], preferred: string | undefined, choose: (id: string) => void) {
  const [activeId, setActiveId] = useState<string | null>(null);
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const elements = useRef(new Map<string, SVGGElement>());
  const tabStop = (activeId && seats.some((s) => s.id === activeId) ? activeId : null) ?? preferred ?? firstSeat(seats)?.id;

  const seatFocusProps = (id: string) => ({
    tabIndex: id === tabStop ? 0 : -1,
    ref: (el: SVGGElement | null) => { if (el) elements.current.set(id, el); else elements.current.delete(id); },
    onKeyDown: (e: React.KeyboardEvent) => {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        choose(id);
        return;
      }
      if (!isSeatKey(e.key) || e.altKey || e.ctrlKey || e.metaKey) return;
      e.preventDefault();
      const to = seatTowards(seats, id, e.key);
      if (!to) return;
      setActiveId(to.id);
      elements.current.get(to.id)?.focus();
    },
    onFocus: (e: React.FocusEvent<SVGGElement>) => { setActiveId(id); setFocusedId(focusVisible(e.currentTarget) ? id : null); },
    onBlur: () => setFocusedId((f) => (f === id ? null : f)),
  });
  return { seatFocusProps, focusedId, moveTo: setActiveId };
}

/** Whether the browser would show focus on `el` now: the keyboard's focus, not a click's. */
function focusVisible(el: Element): boolean {
  try { return el.matches(":focus-visible"); } catch { return true; }
}
