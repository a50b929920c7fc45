"use server";
import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/auth/staff-action";
import { createVenue as create, saveVenueAssessment as assess, setVenueArchived, updateVenue as update } from "@/lib/catalog/venues";
import { idSchema, updateVenueSchema, venueAssessmentSchema, venueSchema } from "@/lib/validations/catalog";

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
