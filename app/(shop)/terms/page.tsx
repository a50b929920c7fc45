import type { Metadata } from "next";

export const metadata: Metadata = { title: "Booking terms" };

export default function TermsPage() {
  return (
    <article className="prose max-w-3xl space-y-4">
      <h1 className="text-3xl font-bold">Booking terms</h1>
      <p>Your places are held for a short time while you pay; if payment does not complete in that time the places are released.</p>
      <p>A booking is confirmed when payment (in full, or the deposit where offered) is received. The balance of a deposit booking is due by the date shown at booking.</p>
      <p>Cancellations made more than 14 days before the session are refunded in full, less any deposit; later cancellations are not refunded but you may send someone else in your place.</p>
      <p>We use attendees&apos; special requirements only to prepare for the session and share them only with the venue and trainers who need them.</p>
    </article>
  );
}
