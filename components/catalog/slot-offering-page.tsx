// The page of an offering booked by the hour: what it is and a link to choose a day and times.
import Link from "next/link";
import type { Course } from "@/db/schema";

export function SlotOfferingPage({ course }: { course: Course }) {
  return (
    <article className="space-y-6">
      <header>
        <p className="text-sm font-medium uppercase tracking-wide text-brand-700">{course.category}</p>
        <h1 className="text-3xl font-bold">{course.title}</h1>
        <p className="mt-2 text-lg text-stone-700">{course.summary}</p>
      </header>
      <p className="max-w-3xl">{course.description}</p>
      <Link href={`/book/${course.slug}`} className="inline-block rounded-md bg-brand-700 px-5 py-3 font-semibold text-white hover:bg-brand-800">
        Choose a day and times
      </Link>
    </article>
  );
}
