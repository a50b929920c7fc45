// Arrived / expected for a session, and who has not arrived yet; kept current by the live updates.
import type { SessionArrivals } from "@/lib/check-in/arrivals";

export function ArrivalsSummary({ sessionId, arrivals: a, title }: { sessionId: string; arrivals: SessionArrivals; title: string }) {
  if (a.expected === 0) return null;
  return (
    <div className="rounded-md border border-stone-300 bg-stone-50 p-3" data-testid="arrivals">
      <p>
        <span className="font-semibold">Arrived {a.arrived} / {a.expected} expected</span>
        {" · "}<a href={`/admin/check-in/arrivals?session=${sessionId}`} className="underline" download>Arrivals CSV<span className="sr-only"> for {title}</span></a>
        {" · "}<a href={`/admin/check-in?session=${sessionId}`} className="underline">Check-in<span className="sr-only"> for {title}</span></a>
      </p>
      {a.notArrived.length > 0 && a.arrived > 0 && (
        <details className="mt-1">
          <summary className="cursor-pointer">Not arrived yet ({a.notArrived.length})</summary>
          <ul className="mt-1 list-disc pl-5">
            {a.notArrived.map((p, i) => <li key={i}>{p.name} · {p.reference}{p.seat ? ` · ${p.seat}` : ""}</li>)}
          </ul>
        </details>
      )}
    </div>
  );
}
