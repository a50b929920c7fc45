// What the time-slot and question forms start from. Kept out of the client modules: a server page that
// imports a value from a "use client" file gets a reference to it, not the value.
export type SlotOfferingFormValues = {
  venueId: string; title: string; slug: string; summary: string; description: string; category: string; currency: string;
  slotMinutes: string; capacityPerSlot: string; standardRate: string; peakRate: string; minSpanMinutes: string; maxSpanMinutes: string;
  bookAheadDays: string; latestMinutesBeforeStart: string; minAgeYears: string; maxAgeYears: string; checkOutRequired: boolean;
};

export const emptySlotOffering: SlotOfferingFormValues = {
  venueId: "", title: "", slug: "", summary: "", description: "", category: "", currency: "GBP", slotMinutes: "60", capacityPerSlot: "",
  standardRate: "", peakRate: "", minSpanMinutes: "60", maxSpanMinutes: "480", bookAheadDays: "90", latestMinutesBeforeStart: "60",
  minAgeYears: "", maxAgeYears: "", checkOutRequired: false,
};

export type QuestionFormValues = {
  label: string; help: string; kind: string; scope: string; required: boolean; sensitive: boolean; atDoor: boolean; options: string; sortOrder: string;
};

export const emptyQuestion: QuestionFormValues = {
  label: "", help: "", kind: "", scope: "per_attendee", required: true, sensitive: false, atDoor: false, options: "", sortOrder: "0",
};

