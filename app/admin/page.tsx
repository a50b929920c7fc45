import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { requireStaffPage } from "@/lib/auth/guard";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Staff home" };

export default async function AdminHome() {
  const staff = await requireStaffPage(["admin", "finance", "door"]);
  if (staff.role === "door") redirect("/admin/check-in");
  const cards = staff.role === "admin"
    ? [
        { href: "/admin/check-in", title: "Check-in", text: "Scan tickets at the door; arrivals per session." },
        { href: "/admin/requirements", title: "Requirements dashboard", text: "Every attendee need for the coming sessions, checklists and venue gaps." },
        { href: "/admin/sessions", title: "Sessions", text: "Schedule, change capacity, cancel." },
        { href: "/admin/courses", title: "Courses", text: "Titles, prices and deposits." },
        { href: "/admin/venues", title: "Venues", text: "Addresses and accessibility assessments." },
        { href: "/admin/bookings", title: "Bookings", text: "Find a booking by reference, name or email." },
        { href: "/admin/audit", title: "Audit log", text: "Who changed what, and when." },
      ]
    : [
        { href: "/admin/bookings", title: "Bookings", text: "Find a booking by reference, name or email." },
        { href: "/admin/finance", title: "Finance", text: "Payments, invoices and refunds." },
      ];
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold">Staff</h1>
      <ul className="grid gap-4 sm:grid-cols-2">
        {cards.map((c) => (
          <li key={c.href}>
            <Link href={c.href} className="block h-full rounded-lg border border-stone-300 bg-white p-4 hover:border-brand-600">
              <span className="text-lg font-semibold text-brand-800">{c.title}</span>
              <span className="mt-1 block text-stone-700">{c.text}</span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
