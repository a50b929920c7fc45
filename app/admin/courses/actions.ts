"use server";
import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/auth/staff-action";
import { createCourse as create, setCourseArchived, updateCourse as update } from "@/lib/catalog/courses";
import { courseSchema, idSchema, updateCourseSchema } from "@/lib/validations/catalog";
import { updateCancellationPolicy } from "@/lib/catalog/cancellation-policy";
import { cancellationPolicyFormSchema } from "@/lib/validations/cancellation-policy";

const refresh = () => revalidatePath("/", "layout");

export const createCourse = staffAction(["admin"], courseSchema, async (input, { db, staff }) => {
  const course = await create(db, staff, input);
  refresh();
  return { id: course.id };
});

export const updateCourse = staffAction(["admin"], updateCourseSchema, async ({ id, ...values }, { db, staff }) => {
  await update(db, staff, id, values);
  refresh();
  return { id };
});

export const archiveCourse = staffAction(["admin"], idSchema, async ({ id }, { db, staff }) => {
  await setCourseArchived(db, staff, id, true);
  refresh();
  return null;
});

export const restoreCourse = staffAction(["admin"], idSchema, async ({ id }, { db, staff }) => {
  await setCourseArchived(db, staff, id, false);
  refresh();
  return null;
});

export const updateCoursePolicy = staffAction(["admin"], cancellationPolicyFormSchema, async ({ id, ...policy }, { db, staff }) => {
  await updateCancellationPolicy(db, staff, id, policy);
  refresh();
  return { id };
});
