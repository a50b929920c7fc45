import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { LeaveWaitlistForm } from "@/components/waitlist/leave-form";
import { leaveWaitlistAction } from "@/app/(shop)/waitlist/actions";
import { verifyWaitlistToken } from "@/lib/self-service/waitlist";
import { waitlistEntryFacts } from "@/lib/self-service/waitlist-pages";
import { isUuid } from "@/lib/validations/ids";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Leave the waiting list", robots: { index: false } };

export default async function LeaveWaitlistPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ token?: string }> }) {
  const { id } = await params;
  const { token } = await searchParams;
  // A wrong link and an unknown entry answer the same 404.
  if (!isUuid(id) || !verifyWaitlistToken("entry", id, token)) notFound();
  const facts = await waitlistEntryFacts(getDb(), id);
  if (!facts) notFound();
  const waiting = facts.entry.status === "waiting" || facts.entry.status === "offered";
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-bold">Leave the waiting list</h1>
      <p>{facts.session.course.title}, {facts.session.when} · {facts.entry.places} place{facts.entry.places === 1 ? "" : "s"} for {facts.entry.email}</p>
      {waiting
        ? <LeaveWaitlistForm entryId={id} token={token!} leaveWaitlistAction={leaveWaitlistAction} />
        : <p role="status" className="rounded-md border border-stone-300 bg-stone-100 p-4">You are no longer on this waiting list.</p>}
    </div>
  );
}
