"use server";
import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/auth/staff-action";
import { AppError } from "@/lib/errors";
import { createMember, importMembers } from "@/lib/members/admin";
import { parseMembersCsv } from "@/lib/members/csv";
import { importMembersSchema, memberSchema } from "@/lib/validations/members";

export const createMemberAction = staffAction(["admin"], memberSchema, async (input, { db, staff }) => {
  const member = await createMember(db, staff, input);
  revalidatePath("/admin/members");
  return { id: member.id };
});

export const importMembersAction = staffAction(["admin"], importMembersSchema, async ({ csv }, { db, staff }) => {
  const parsed = parseMembersCsv(csv);
  if (!parsed.ok)
    throw new AppError("invalid_request", { fields: { csv: parsed.errors.join("\n") } }, "Nothing was imported: fix the lines named below.");
  const result = await importMembers(db, staff, parsed.rows);
  revalidatePath("/admin/members");
  return result;
});
