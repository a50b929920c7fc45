import type { Metadata } from "next";
import Link from "next/link";
import { createRequirementTemplate } from "@/app/admin/requirement-templates/actions";
import { RequirementTemplateForm } from "@/components/admin/catalog/requirement-template-form";
import { requireStaffPage } from "@/lib/auth/guard";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New requirement type" };

export default async function NewRequirementTemplatePage() {
  await requireStaffPage(["admin"]);
  return (
    <div className="max-w-3xl space-y-4">
      <Link href="/admin/requirement-templates" className="underline">All requirement types</Link>
      <h1 className="text-3xl font-bold">New requirement type</h1>
      <RequirementTemplateForm save={createRequirementTemplate} />
    </div>
  );
}
