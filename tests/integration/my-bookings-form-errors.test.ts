// The customer's attendee forms list every problem at once: a name left empty does not hide a need whose details
// are missing until the next try (the needs are checked against their types even when the schema refuses first).
import { describe, expect, it, vi } from "vitest";
import { addAttendee, saveAttendee } from "@/app/(shop)/my-bookings/actions";
import { templateByCode } from "../fixtures";

vi.mock("next/headers", () => import("../next-request").then((m) => m.headersModule));
vi.mock("next/cache", () => import("../next-request").then((m) => m.cacheModule));

function form(entries: [string, string][]) {
  const data = new FormData();
  for (const [k, v] of entries) data.append(k, v);
  return data;
}

describe("my bookings: an attendee's details refused", () => {
  it("names the empty name and the need without details together, names first", async () => {
    const allergy = await templateByCode("allergy_severe");
    const vegan = await templateByCode("diet_vegan");
    const state = await saveAttendee({}, form([
      ["reference", "TRN-AAAA-BBBB"], ["attendeeId", "00000000-0000-4000-8000-000000000001"],
      ["firstName", ""], ["lastName", "Lovelace"], ["need", vegan.id], ["need", allergy.id], [`details:${allergy.id}`, ""],
    ]));
    expect(state?.error).toBe("Please correct the details below.");
    expect(state?.fields).toEqual({
      firstName: "First name is required",
      [`need-${allergy.id}-details`]: `Describe the ${allergy.label.toLowerCase()}`,
    });
    expect(Object.keys(state!.fields!)[0]).toBe("firstName");
  });

  it("does the same for an attendee being added", async () => {
    const allergy = await templateByCode("allergy_food");
    const state = await addAttendee({}, form([
      ["reference", "TRN-AAAA-BBBB"], ["firstName", "Grace"], ["lastName", ""], ["need", allergy.id],
    ]));
    expect(state?.fields).toMatchObject({ lastName: "Last name is required", [`need-${allergy.id}-details`]: `Describe the ${allergy.label.toLowerCase()}` });
  });
});
