import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { archiveRequirementTemplate, restoreRequirementTemplate, updateRequirementTemplate } from "@/app/admin/requirement-templates/actions";
import { ActionButton } from "@/components/admin/action-button";
import { RequirementTemplateForm } from "@/components/admin/catalog/requirement-template-form";
import { getDb } from "@/db";
import { getRequirementTemplate } from "@/db/queries/admin";
import { requireStaffPage } from "@/lib/auth/guard";
import { isUuid } from "@/lib/validations/ids";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Requirement type" };

export default async function RequirementTemplatePage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaffPage(["admin"]);
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const t = await getRequirementTemplate(getDb(), id);
  if (!t) notFound();
  return (
    <div className="max-w-3xl space-y-4">
      <Link href="/admin/requirement-templates" className="underline">All requirement types</Link>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <h1 className="text-3xl font-bold">{t.label}{!t.active && <span className="ml-2 text-lg text-stone-600">(archived)</span>}</h1>
        {t.active
          ? <ActionButton action={archiveRequirementTemplate} input={{ id }} confirm="Archive this requirement type? New bookings can no longer choose it; existing bookings keep it." busyLabel="Archiving…">Archive</ActionButton>
          : <ActionButton action={restoreRequirementTemplate} input={{ id }} busyLabel="Restoring…">Offer again</ActionButton>}
      </div>
      <p className="text-stone-700">Changes apply to new bookings. Needs already booked keep the label and priority they were booked with.</p>
      <RequirementTemplateForm id={id} save={updateRequirementTemplate} initial={{
        code: t.code, label: t.label, hint: t.hint ?? "", category: t.category, priority: t.priority, detailsRequired: t.detailsRequired,
        checklistItems: t.checklistItems.join("\n"), venueFeatures: t.venueFeatures, sortOrder: String(t.sortOrder),
      }} />
    </div>
  );
}
