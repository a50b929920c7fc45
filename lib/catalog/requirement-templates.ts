// Requirement templates: the needs attendees choose from, their priority, the preparation tasks they generate
// and the venue features they rely on. Archiving hides one from new bookings; booked needs keep their copy.
import { eq } from "drizzle-orm";
import type { z } from "zod";
import type { Db, Tx } from "@/db";
import { pgErrorOf, UNIQUE_VIOLATION } from "@/db/pg-error";
import { requirementTemplates, type RequirementTemplate } from "@/db/schema";
import type { Staff } from "@/lib/auth/guard";
import { fieldError } from "@/lib/validations/field-error";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import type { requirementTemplateSchema } from "@/lib/validations/catalog";

type TemplateValues = z.output<typeof requirementTemplateSchema>;

async function lockTemplate(tx: Tx, id: string): Promise<RequirementTemplate> {
  const [row] = await tx.select().from(requirementTemplates).where(eq(requirementTemplates.id, id)).for("update");
  if (!row) throw new AppError("not_found", {}, "That requirement does not exist.");
  return row;
}

function codeTaken(err: unknown) {
  const pg = pgErrorOf(err);
  return pg?.code === UNIQUE_VIOLATION && pg.constraint === "requirement_templates_code_key";
}

const row = (v: TemplateValues) => ({ ...v, hint: v.hint ?? null });

export async function createRequirementTemplate(db: Db, staff: Staff, values: TemplateValues) {
  try {
    return await db.transaction(async (tx) => {
      const [t] = await tx.insert(requirementTemplates).values(row(values)).returning();
      await recordAudit(tx, staff, { action: "requirement_template.create", entityType: "requirement_template", entityId: t.id, after: t });
      return t;
    });
  } catch (err) {
    if (codeTaken(err)) throw fieldError("code", "Another requirement already uses this code");
    throw err;
  }
}

export async function updateRequirementTemplate(db: Db, staff: Staff, id: string, values: TemplateValues) {
  try {
    return await db.transaction(async (tx) => {
      const before = await lockTemplate(tx, id);
      const [after] = await tx.update(requirementTemplates).set(row(values)).where(eq(requirementTemplates.id, id)).returning();
      await recordAudit(tx, staff, { action: "requirement_template.update", entityType: "requirement_template", entityId: id, before, after });
      return after;
    });
  } catch (err) {
    if (codeTaken(err)) throw fieldError("code", "Another requirement already uses this code");
    throw err;
  }
}

export async function setRequirementTemplateActive(db: Db, staff: Staff, id: string, active: boolean) {
  return db.transaction(async (tx) => {
    const before = await lockTemplate(tx, id);
    if (before.active === active) return before;
    const [after] = await tx.update(requirementTemplates).set({ active }).where(eq(requirementTemplates.id, id)).returning();
    await recordAudit(tx, staff, {
      action: active ? "requirement_template.restore" : "requirement_template.archive", entityType: "requirement_template", entityId: id,
      before: { active: before.active }, after: { active: after.active },
    });
    return after;
  });
}
