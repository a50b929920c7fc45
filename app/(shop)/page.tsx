import Link from "next/link";
import { getDb } from "@/db";
import { publicTicketTypes, publicUpcomingSessions } from "@/lib/catalog/public-listings";
import { SessionList } from "@/components/catalog/session-list";
import { SlotOfferingList } from "@/components/catalog/slot-offering-list";
import { publicLocations } from "@/lib/catalog/locations";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const [upcoming, locations] = await Promise.all([publicUpcomingSessions(), publicLocations(getDb())]);
  const sessions = upcoming.slice(0, 6);
  const ticketTypes = await publicTicketTypes(sessions);
  return (
    <div className="space-y-10">
      <section className="rounded-2xl bg-brand-700 px-6 py-10 text-white sm:px-10">
        <h1 className="text-3xl font-bold sm:text-4xl">Courses and classes, booked for your whole group</h1>
        <p className="mt-3 max-w-2xl text-lg text-brand-50">
          Book up to twelve people in one go, tell us what each person needs, and pay in full or with a deposit.
        </p>
        <Link href="/courses" className="mt-6 inline-block rounded-md bg-white px-5 py-3 font-semibold text-brand-800 hover:bg-brand-50">
          Browse all courses
        </Link>
      </section>
      <section aria-labelledby="upcoming">
        <h2 id="upcoming" className="mb-4 text-2xl font-bold">Coming up</h2>
        <SessionList sessions={sessions} ticketTypes={ticketTypes} />
      </section>
      {locations.length > 0 && (
        <section aria-labelledby="by-the-hour">
          <h2 id="by-the-hour" className="mb-4 text-2xl font-bold">Book by the hour</h2>
          <SlotOfferingList locations={locations.map((l) => ({ id: l.id, name: l.name, city: l.address.city, openingHours: l.openingHours, offerings: l.offerings }))} />
        </section>
      )}
    </div>
  );
}
