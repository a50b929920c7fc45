import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { BookWithOfferForm } from "@/components/waitlist/offer-form";
import { bookWithOfferAction } from "@/app/(shop)/waitlist/actions";
import { AppError } from "@/lib/errors";
import { formatDate, formatTimeZoned } from "@/lib/format";
import { usableOffer, verifyWaitlistToken } from "@/lib/self-service/waitlist";
import { waitlistSessionFacts } from "@/lib/self-service/waitlist-pages";
import { isUuid } from "@/lib/validations/ids";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Places held for you", robots: { index: false } };

export default async function WaitlistOfferPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ token?: string }> }) {
  const { id } = await params;
  const { token } = await searchParams;
  if (!isUuid(id) || !verifyWaitlistToken("offer", id, token)) notFound();
  const db = getDb();
  let offer: Awaited<ReturnType<typeof usableOffer>> | null = null;
  let ended: string | null = null;
  try {
    offer = await usableOffer(db, id);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    if (err.code === "not_found") notFound();
    ended = err.message;
  }
  if (!offer) {
    return (
      <div className="mx-auto max-w-2xl space-y-4">
        <h1 className="text-2xl font-bold">This offer has ended</h1>
        <p role="status" className="rounded-md border border-stone-300 bg-stone-100 p-4">{ended}</p>
      </div>
    );
  }
  const facts = (await waitlistSessionFacts(db, offer.offer.sessionId))!;
  const tz = facts.venue.timeZone;
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-bold">Places held for you</h1>
      <p className="font-medium">{facts.course.title}</p>
      <p>{facts.when} · {facts.venue.name}, {facts.venue.city}</p>
      <p className="rounded-md border-2 border-accent-500 bg-white p-4">We are holding <strong>{offer.offer.places} place{offer.offer.places === 1 ? "" : "s"}</strong> for you
        until <strong>{formatTimeZoned(offer.offer.expiresAt, tz)} on {formatDate(offer.offer.expiresAt, tz)}</strong>. {offer.offer.places === 1 ? "Book it before then; after that it goes" : "Book them before then; after that they go"} to the next person waiting.</p>
      <BookWithOfferForm offerId={id} token={token!} places={offer.offer.places} bookWithOfferAction={bookWithOfferAction} />
    </div>
  );
}
