import { ErasePersonForm } from "@/components/admin/privacy/erase-person-form";
import { erasePerson } from "@/app/admin/privacy/actions";
import { requireStaffPage } from "@/lib/auth/guard";
import { env } from "@/lib/env";
import type { Metadata } from "next";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Personal data" };

export default async function PrivacyPage() {
  await requireStaffPage(["admin"]);
  const days = env().REQUIREMENT_RETENTION_DAYS;
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold">Personal data</h1>
      <section aria-labelledby="export-heading" className="space-y-3 rounded-lg border border-stone-300 bg-white p-5">
        <h2 id="export-heading" className="text-lg font-semibold">Export everything held about a person</h2>
        <p className="text-stone-800">
          A ZIP with one JSON file (bookings and places with their history of changes, including staff&apos;s reasons where
          they are about the person, requirements, waiting-list entries and offers, memberships, payments, refunds,
          invoices, credit notes, emails, audit entries and sign-ins) and their invoice and credit note PDFs. The
          export is written to the audit log.
        </p>
        <form method="get" action="/admin/privacy/export" className="flex flex-wrap items-end gap-3">
          <div className="flex flex-col">
            <label htmlFor="export-email" className="font-medium">Email address</label>
            <input id="export-email" name="email" type="email" required autoComplete="off"
              className="min-h-11 rounded-md border border-stone-500 px-3 py-2" />
          </div>
          <button type="submit" className="min-h-11 rounded-md bg-brand-700 px-4 py-2 font-semibold text-white">Download the export</button>
        </form>
      </section>
      <section aria-labelledby="erase-heading" className="space-y-3">
        <h2 id="erase-heading" className="text-lg font-semibold">Erase a person</h2>
        <ErasePersonForm erasePerson={erasePerson} />
      </section>
      <section aria-labelledby="retention-heading" className="space-y-2 rounded-lg border border-stone-300 bg-white p-5">
        <h2 id="retention-heading" className="text-lg font-semibold">Retention</h2>
        <p className="text-stone-800">
          Health and accessibility answers are deleted automatically {days} day{days === 1 ? "" : "s"} after their session ends,
          by an hourly job; each run that removes something is written to the audit log.
        </p>
      </section>
    </div>
  );
}
