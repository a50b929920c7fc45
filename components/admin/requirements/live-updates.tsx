"use client";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";

type Status = "connecting" | "live" | "offline";
type Notice = { id: string; text: string; critical: number };

/**
 * Keeps the dashboard current: a Server-Sent Events stream announces paid bookings and changes made by
 * other staff; the page re-renders its data in place (no reload) and new bookings are announced politely.
 */
/** `sessionId`: a session's own page, which announces only that session's bookings. */
export function LiveUpdates({ streamUrl = "/api/admin/requirements/stream", sessionId }: { streamUrl?: string; sessionId?: string }) {
  const router = useRouter();
  const [status, setStatus] = useState<Status>("connecting");
  const [notices, setNotices] = useState<Notice[]>([]);
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    const refreshSoon = () => {
      if (refreshTimer.current) clearTimeout(refreshTimer.current);
      refreshTimer.current = setTimeout(() => router.refresh(), 150);
    };
    let connectedBefore = false;
    const source = new EventSource(streamUrl);
    source.addEventListener("ready", () => {
      setStatus("live");
      // After a reconnect, catch up on whatever happened while the stream was down.
      if (connectedBefore) refreshSoon();
      connectedBefore = true;
    });
    source.addEventListener("booking-paid", (e) => {
      const data = JSON.parse((e as MessageEvent).data) as { bookingId: string; sessionId: string; message: string; critical: number };
      if (sessionId && data.sessionId !== sessionId) return;
      setNotices((list) => [{ id: `${data.bookingId}-${Date.now()}`, text: data.message, critical: data.critical }, ...list].slice(0, 5));
      refreshSoon();
    });
    source.addEventListener("requirements-changed", refreshSoon);
    source.addEventListener("check-in", refreshSoon);
    source.onerror = () => setStatus(source.readyState === EventSource.CLOSED ? "offline" : "connecting");
    return () => {
      source.close();
      if (refreshTimer.current) clearTimeout(refreshTimer.current);
    };
  }, [router, streamUrl, sessionId]);

  const statusText = { connecting: "Connecting to live updates…", live: "Live updates on", offline: "Live updates off: reload the page" }[status];
  return (
    <div className="space-y-2">
      <p className="flex items-center gap-2 text-sm text-stone-700" data-testid="live-status" data-status={status}>
        <span aria-hidden="true" className={`h-2.5 w-2.5 rounded-full ${status === "live" ? "bg-brand-600" : status === "offline" ? "bg-red-700" : "bg-amber-500"}`} />
        {statusText}
      </p>
      <div role="status" aria-live="polite" aria-atomic="false" className="space-y-2">
        {notices.map((n) => (
          <div key={n.id} className={`flex items-start justify-between gap-3 rounded-md border-2 p-3 ${n.critical ? "border-red-700 bg-red-50" : "border-brand-600 bg-brand-50"}`}>
            <p className="font-medium">{n.text}</p>
            <button type="button" className="text-sm underline" onClick={() => setNotices((list) => list.filter((x) => x.id !== n.id))}>
              Dismiss<span className="sr-only"> notification</span>
            </button>
          </div>
        ))}
      </div>
    </div>
  );
}
