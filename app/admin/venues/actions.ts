"use server";
import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/auth/staff-action";
import { createVenue as create, saveVenueAssessment as assess, setVenueArchived, updateVenue as update } from "@/lib/catalog/venues";
import {
  createGridSeatingPlan as createGrid, createSeatingPlanFromCsv, deleteSeatingPlan as removePlan, setSeatingPlanArchived,
} from "@/lib/catalog/seating-plans";
import { idSchema, updateVenueSchema, venueAssessmentSchema, venueSchema } from "@/lib/validations/catalog";
import { seatingPlanCsvSchema, seatingPlanGridSchema } from "@/lib/validations/seating";

const refresh = () => revalidatePath("/", "layout");

export const createVenue = staffAction(["admin"], venueSchema, async (input, { db, staff }) => {
  const venue = await create(db, staff, input);
  refresh();
  return { id: venue.id };
});

export const updateVenue = staffAction(["admin"], updateVenueSchema, async ({ id, ...values }, { db, staff }) => {
  await update(db, staff, id, values);
  refresh();
  return { id };
});

export const archiveVenue = staffAction(["admin"], idSchema, async ({ id }, { db, staff }) => {
  await setVenueArchived(db, staff, id, true);
  refresh();
  return null;
});

export const restoreVenue = staffAction(["admin"], idSchema, async ({ id }, { db, staff }) => {
  await setVenueArchived(db, staff, id, false);
  refresh();
  return null;
});

export const saveVenueAssessment = staffAction(["admin"], venueAssessmentSchema, async (input, { db, staff }) => {
  const result = await assess(db, staff, input);
  refresh();
  return result;
});

export const importSeatingPlan = staffAction(["admin"], seatingPlanCsvSchema, async (input, { db, staff }) => {
  const { plan, seats } = await createSeatingPlanFromCsv(db, staff, input);
  refresh();
  return { id: plan.id, venueId: plan.venueId, seats };
});

export const createGridSeatingPlan = staffAction(["admin"], seatingPlanGridSchema, async (input, { db, staff }) => {
  const { plan, seats } = await createGrid(db, staff, input);
  refresh();
  return { id: plan.id, venueId: plan.venueId, seats };
});

export const archiveSeatingPlan = staffAction(["admin"], idSchema, async ({ id }, { db, staff }) => {
  await setSeatingPlanArchived(db, staff, id, true);
  refresh();
  return null;
});

export const restoreSeatingPlan = staffAction(["admin"], idSchema, async ({ id }, { db, staff }) => {
  await setSeatingPlanArchived(db, staff, id, false);
  refresh();
  return null;
});

export const deleteSeatingPlan = staffAction(["admin"], idSchema, async ({ id }, { db, staff }) => {
  await removePlan(db, staff, id);
  refresh();
  return null;
});
