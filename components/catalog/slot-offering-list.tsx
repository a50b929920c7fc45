// Offerings booked by the hour, with their location and opening hours: listed beside the sessions.
import Link from "next/link";

type Listed = {
  id: string; name: string; city: string;
  openingHours: { weekday: number; open: string; close: string }[];
  offerings: { id: string; slug: string; title: string }[];
};

const DAY = ["", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

function hoursText(hours: Listed["openingHours"]): string {
  const byText = new Map<string, number[]>();
  for (const h of hours) {
    const days = [...new Set(hours.filter((x) => x.weekday === h.weekday).map((x) => `${x.open}–${x.close}`))].join(", ");
    byText.set(days, [...new Set([...(byText.get(days) ?? []), h.weekday])]);
  }
  return [...byText.entries()].map(([t, days]) =>
    `${days.length > 2 ? `${DAY[days[0]]}–${DAY[days[days.length - 1]]}` : days.map((d) => DAY[d]).join(", ")} ${t}`).join("; ");
}

export function SlotOfferingList({ locations }: { locations: Listed[] }) {
  if (!locations.length) return null;
  return (
    <ul className="grid gap-4 sm:grid-cols-2">
      {locations.flatMap((l) => l.offerings.map((o) => (
        <li key={o.id} className="rounded-lg border border-stone-300 bg-white p-4">
          <p className="font-semibold">{o.title}</p>
          <p className="text-stone-700">{l.name}, {l.city}</p>
          <p className="text-stone-700">Open {hoursText(l.openingHours)}</p>
          <Link href={`/book/${o.slug}`} className="mt-3 inline-block rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
            Book a day<span className="sr-only"> at {l.name}</span>
          </Link>
        </li>
      )))}
    </ul>
  );
}
