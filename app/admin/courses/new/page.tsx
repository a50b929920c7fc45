import type { Metadata } from "next";
import Link from "next/link";
import { createCourse } from "@/app/admin/courses/actions";
import { CourseForm } from "@/components/admin/catalog/course-form";
import { requireStaffPage } from "@/lib/auth/guard";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New course" };

export default async function NewCoursePage() {
  await requireStaffPage(["admin"]);
  return (
    <div className="max-w-3xl space-y-4">
      <Link href="/admin/courses" className="underline">All courses</Link>
      <h1 className="text-3xl font-bold">New course</h1>
      <CourseForm save={createCourse} />
    </div>
  );
}
