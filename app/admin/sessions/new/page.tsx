import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import { courseOptions, venueOptions } from "@/db/queries/admin";
import { createSession } from "@/app/admin/sessions/actions";
import { SessionForm } from "@/components/admin/catalog/session-form";
import { requireStaffPage } from "@/lib/auth/guard";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New session" };

export default async function NewSessionPage({ searchParams }: { searchParams: Promise<{ course?: string }> }) {
  await requireStaffPage(["admin"]);
  const { course } = await searchParams;
  const db = getDb();
  const [courses, venues] = await Promise.all([courseOptions(db), venueOptions(db)]);
  const active = courses.filter((c) => c.status === "active");
  return (
    <div className="max-w-3xl space-y-4">
      <Link href="/admin/sessions" className="underline">All sessions</Link>
      <h1 className="text-3xl font-bold">Schedule a session</h1>
      <SessionForm save={createSession}
        initial={{ courseId: active.some((c) => c.id === course) ? course! : "", venueId: "", startsAt: "", endsAt: "", capacity: "" }}
        courses={active.map((c) => ({ id: c.id, label: c.title }))}
        venues={venues.filter((v) => !v.archivedAt).map((v) => ({ id: v.id, label: `${v.name}, ${v.city}`, timeZone: v.timeZone }))} />
    </div>
  );
}
