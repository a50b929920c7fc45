import type { Metadata } from "next";
import { getDb } from "@/db";
import { getCourseBySlug } from "@/db/queries/catalog";
import { DEFAULT_CANCELLATION_POLICY, policyOf, policySentences } from "@/lib/self-service/cancellation-policy";
import { isShortText } from "@/lib/validations/untrusted-input";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Booking terms" };

export default async function TermsPage({ searchParams }: { searchParams: Promise<{ course?: string }> }) {
  const { course: slug } = await searchParams;
  const course = isShortText(slug, 120) ? await getCourseBySlug(getDb(), slug) : null;
  const policy = course ? policyOf(course) : DEFAULT_CANCELLATION_POLICY;
  return (
    <article className="prose max-w-3xl space-y-4">
      <h1 className="text-3xl font-bold">Booking terms</h1>
      <p>Your places are held for a short time while you pay; if payment does not complete in that time the places are released.</p>
      <p>A booking is confirmed when payment (in full, or the deposit where offered) is received. The balance of a deposit booking is due by the date shown at booking.</p>
      <section aria-labelledby="cancellation">
        <h2 id="cancellation" className="text-xl font-semibold">{course ? `Cancellation policy of ${course.title}` : "Cancellation policy"}</h2>
        {!course && <p>Each course can set its own policy; the booking review and the course&apos;s terms show the one that applies. Unless a course says otherwise:</p>}
        <ul className="list-disc space-y-1 pl-5" data-testid="cancellation-policy">
          {policySentences(policy, course?.currency ?? "GBP").map((s) => <li key={s}>{s}</li>)}
        </ul>
        <p>If a session is cancelled by us, everything you paid is refunded in full.</p>
      </section>
      <p>We use attendees&apos; special requirements only to prepare for the session and share them only with the venue and trainers who need them.</p>
    </article>
  );
}
