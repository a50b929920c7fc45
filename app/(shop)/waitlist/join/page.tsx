import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { WaitlistJoinForm } from "@/components/waitlist/join-form";
import { joinWaitlistAction } from "@/app/(shop)/waitlist/actions";
import { waitlistSessionFacts } from "@/lib/self-service/waitlist-pages";
import { isUuid } from "@/lib/validations/ids";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Join the waiting list" };

export default async function JoinWaitlistPage({ searchParams }: { searchParams: Promise<{ session?: string }> }) {
  const { session: sessionId } = await searchParams;
  if (!sessionId || !isUuid(sessionId)) notFound();
  const facts = await waitlistSessionFacts(getDb(), sessionId);
  if (!facts || facts.course.kind !== "sessions") notFound();
  const open = facts.session.status === "scheduled" && facts.session.startsAt > new Date();
  const several = facts.severalTypes;
  return (
    <div className="mx-auto max-w-2xl space-y-5">
      <div>
        <h1 className="text-2xl font-bold">Join the waiting list</h1>
        <p className="mt-1 font-medium">{facts.course.title}</p>
        <p>{facts.when} · {facts.venue.name}, {facts.venue.city}</p>
      </div>
      {!open ? (
        <p role="status" className="rounded-md border border-stone-300 bg-stone-100 p-4">This session can no longer be booked, so it has no waiting list.</p>
      ) : (
        <>
          <p>{facts.left === 0 ? "This session is fully booked."
            : several ? "Some ticket types of this session are sold out, or have fewer places left than you need."
              : `Only ${facts.left} ${facts.left === 1 ? "place is" : "places are"} left on this session: for more, join the waiting list.`} Leave your email and how many places you need: when places free up, we hold them for the first
            person waiting whose request fits and email them a link to book. You can leave the list at any time from the email we send you.</p>
          {facts.left > 0 && (
            <p className="rounded-md border border-amber-500 bg-amber-50 p-3">{facts.left} {facts.left === 1 ? "place is" : "places are"} free right now{several ? " on some ticket types" : ""}:{" "}
              <Link href={`/book/${facts.course.slug}?session=${sessionId}`} className="font-medium underline">book {facts.left === 1 ? "it" : "them"} now</Link>.</p>
          )}
          <WaitlistJoinForm sessionId={sessionId} ticketTypes={facts.ticketTypes} mostPlaces={facts.mostPlaces} joinWaitlistAction={joinWaitlistAction} />
        </>
      )}
    </div>
  );
}
