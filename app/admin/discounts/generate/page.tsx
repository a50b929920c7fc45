import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import { GenerateDiscountCodesForm } from "@/components/admin/discounts/discount-forms";
import { generateDiscountCodesAction } from "@/app/admin/discounts/actions";
import { requireStaffPage } from "@/lib/auth/guard";
import { discountScopeOptions } from "@/lib/discounts/scope-options";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Generate discount codes" };

export default async function GenerateDiscountCodesPage() {
  await requireStaffPage(["admin"]);
  return (
    <div className="max-w-4xl space-y-4">
      <Link href="/admin/discounts" className="underline">All discounts</Link>
      <h1 className="text-3xl font-bold">Generate discount codes</h1>
      <p className="text-stone-700">Makes a batch of unique codes with the same terms, to download as CSV.</p>
      <GenerateDiscountCodesForm scope={await discountScopeOptions(getDb())} generateDiscountCodesAction={generateDiscountCodesAction} />
    </div>
  );
}
