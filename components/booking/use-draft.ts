"use client";
// The wizard's answers, kept in localStorage so back, forward and a page refresh lose nothing.
import { useCallback, useEffect, useState } from "react";
import { emptyDraft, migrateDraft, type Draft } from "./types";

/** Where a course's draft is kept in localStorage. */
export const keyFor = (courseSlug: string) => `turnout:booking-draft:${courseSlug}`;

export function useDraft(courseSlug: string, initialSessionId: string | null) {
  const [draft, setDraft] = useState<Draft | null>(null);

  useEffect(() => {
    let stored: Draft | null = null;
    try {
      const raw = window.localStorage.getItem(keyFor(courseSlug));
      if (raw) stored = migrateDraft(JSON.parse(raw));
    } catch {
      stored = null;
    }
    const base = stored ?? emptyDraft();
    setDraft(initialSessionId && !base.sessionId ? { ...base, sessionId: initialSessionId } : base);
  }, [courseSlug, initialSessionId]);

  const update = useCallback((change: Partial<Draft> | ((d: Draft) => Draft)) => {
    setDraft((current) => {
      if (!current) return current;
      const next = typeof change === "function" ? change(current) : { ...current, ...change };
      window.localStorage.setItem(keyFor(courseSlug), JSON.stringify(next));
      return next;
    });
  }, [courseSlug]);

  const clear = useCallback(() => window.localStorage.removeItem(keyFor(courseSlug)), [courseSlug]);

  return { draft, update, clear };
}
