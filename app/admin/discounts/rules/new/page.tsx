import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import { DiscountRuleForm } from "@/components/admin/discounts/discount-forms";
import { createDiscountRuleAction } from "@/app/admin/discounts/actions";
import { requireStaffPage } from "@/lib/auth/guard";
import { discountScopeOptions } from "@/lib/discounts/scope-options";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New automatic discount" };

export default async function NewDiscountRulePage() {
  await requireStaffPage(["admin"]);
  return (
    <div className="max-w-4xl space-y-4">
      <Link href="/admin/discounts" className="underline">All discounts</Link>
      <h1 className="text-3xl font-bold">New automatic discount</h1>
      <DiscountRuleForm scope={await discountScopeOptions(getDb())} createDiscountRuleAction={createDiscountRuleAction} />
    </div>
  );
}
