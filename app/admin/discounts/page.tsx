import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import { ActionButton } from "@/components/admin/action-button";
import { requireStaffPage } from "@/lib/auth/guard";
import { listDiscountCodes, listDiscountRules } from "@/lib/discounts/admin";
import { codeStatus, discountText, ruleStatus, validityText } from "@/lib/discounts/present";
import { env } from "@/lib/env";
import { formatMoney } from "@/lib/format";
import { archiveDiscountCodeAction, setDiscountRuleActiveAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Discounts" };

const ruleKindText = { group: "Group", early_bird: "Early bird" } as const;
const link = "rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800";

export default async function DiscountsPage() {
  await requireStaffPage(["admin"]);
  const db = getDb();
  const [codes, rules] = await Promise.all([listDiscountCodes(db), listDiscountRules(db)]);
  const tz = env().FINANCE_TIME_ZONE;
  const now = new Date();
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-3xl font-bold">Discounts</h1>
        <div className="flex flex-wrap gap-3">
          <Link href="/admin/discounts/new" className={link}>New code</Link>
          <Link href="/admin/discounts/generate" className={link}>Generate codes</Link>
          <Link href="/admin/discounts/rules/new" className={link}>New automatic discount</Link>
        </div>
      </div>
      <p className="text-stone-700">
        Automatic discounts do not add up: a booking gets the one that saves most. A code then comes off what is left.
        Customers see each discount on the review step, the invoice and the confirmation.
      </p>

      <section aria-labelledby="rules-title" className="space-y-2">
        <h2 id="rules-title" className="text-xl font-semibold">Automatic discounts</h2>
        {rules.length === 0 ? <p>None yet.</p> : (
          <div className="overflow-x-auto rounded-lg border border-stone-300 bg-white">
            <table className="w-full text-left">
              <thead className="bg-stone-100 text-sm"><tr>
                <th scope="col" className="p-3">Name</th><th scope="col" className="p-3">Kind</th><th scope="col" className="p-3">Discount</th>
                <th scope="col" className="p-3">Course</th><th scope="col" className="p-3">When</th><th scope="col" className="p-3">Status</th>
              </tr></thead>
              <tbody>
                {rules.map(({ rule, course }) => (
                  <tr key={rule.id} className="border-t border-stone-200 align-top">
                    <td className="p-3 font-medium">{rule.name}</td>
                    <td className="p-3">{ruleKindText[rule.ruleKind]}</td>
                    <td className="p-3">{discountText(rule)}{rule.minAttendees > 1 && `, from ${rule.minAttendees} attendees`}{rule.firstPlaces && `, first ${rule.firstPlaces} places`}</td>
                    <td className="p-3">{course ?? "Every course"}</td>
                    <td className="p-3">{validityText(rule, tz)}</td>
                    <td className="p-3">
                      {ruleStatus(rule, now)}
                      <ActionButton action={setDiscountRuleActiveAction} input={{ id: rule.id, active: !rule.active }}>
                        {rule.active ? "Turn off" : "Turn on"}<span className="sr-only"> {rule.name}</span>
                      </ActionButton>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="codes-title" className="space-y-2">
        <div className="flex items-center justify-between gap-3">
          <h2 id="codes-title" className="text-xl font-semibold">Codes</h2>
          <a href="/admin/discounts/export/csv" className="font-medium underline">Download all codes as CSV</a>
        </div>
        {codes.length === 0 ? <p>None yet.</p> : (
          <div className="overflow-x-auto rounded-lg border border-stone-300 bg-white">
            <table className="w-full text-left">
              <thead className="bg-stone-100 text-sm"><tr>
                <th scope="col" className="p-3">Code</th><th scope="col" className="p-3">Discount</th><th scope="col" className="p-3">Applies to</th>
                <th scope="col" className="p-3">Valid</th><th scope="col" className="p-3">Uses</th><th scope="col" className="p-3">Revenue</th>
                <th scope="col" className="p-3">Status</th>
              </tr></thead>
              <tbody>
                {codes.map((c) => (
                  <tr key={c.id} className="border-t border-stone-200 align-top" data-testid="discount-code-row">
                    <td className="p-3 font-mono font-medium">{c.code}{c.batch && <span className="block font-sans text-sm text-stone-600">Batch {c.batch}</span>}</td>
                    <td className="p-3">{discountText(c)}{c.minAttendees > 1 && `, from ${c.minAttendees} attendees`}{c.revealsHiddenTicketTypes && ", presale"}</td>
                    <td className="p-3">{c.scope.join(", ") || "Everything"}</td>
                    <td className="p-3">{validityText(c, tz)}</td>
                    <td className="p-3">{c.usesCount}{c.maxUses != null && ` of ${c.maxUses}`}</td>
                    <td className="p-3">
                      {c.revenue.length === 0 ? "—" : c.revenue.map((r) => (
                        <span key={r.currency} className="block">{formatMoney(r.revenue, r.currency)} from {r.paidBookings} paid ({formatMoney(r.discounted, r.currency)} off)</span>
                      ))}
                    </td>
                    <td className="p-3">
                      {codeStatus(c, now)}
                      <ActionButton action={archiveDiscountCodeAction} input={{ id: c.id }} confirm={`Withdraw ${c.code}? Customers can no longer use it.`}
                        gone={Boolean(c.archivedAt)} doneLabel={`${c.code} withdrawn: customers can no longer use it.`}>
                        Withdraw<span className="sr-only"> {c.code}</span>
                      </ActionButton>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
