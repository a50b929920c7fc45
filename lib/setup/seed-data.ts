// Demo catalogue and the standard requirement templates.
import type { RequirementCategory, RequirementPriority } from "@/db/schema";

export const requirementTemplateSeed: {
  code: string; category: RequirementCategory; label: string; hint?: string; priority: RequirementPriority;
  detailsRequired?: boolean; checklistItems: string[]; venueFeatures?: string[];
}[] = [
  { code: "allergy_severe", category: "allergy", priority: "critical", detailsRequired: true,
    label: "Severe allergy (risk of anaphylaxis)", hint: "Name the allergen and whether they carry an auto-injector",
    checklistItems: ["Brief the caterer on the allergen and keep it out of shared food", "Check the adrenaline auto-injector policy and that a first aider is on site"],
    venueFeatures: ["allergen_safe_catering"] },
  { code: "allergy_food", category: "allergy", priority: "high", detailsRequired: true,
    label: "Food allergy or intolerance", hint: "For example nuts, shellfish, lactose",
    checklistItems: ["Send the allergen to the caterer and label the food"] },
  { code: "diet_vegetarian", category: "dietary", priority: "standard", label: "Vegetarian", checklistItems: ["Order a vegetarian meal"] },
  { code: "diet_vegan", category: "dietary", priority: "standard", label: "Vegan", checklistItems: ["Order a vegan meal"] },
  { code: "diet_gluten_free", category: "dietary", priority: "high", label: "Gluten-free (coeliac)", checklistItems: ["Order a gluten-free meal prepared separately"] },
  { code: "diet_halal", category: "dietary", priority: "standard", label: "Halal", checklistItems: ["Order a halal meal"] },
  { code: "diet_kosher", category: "dietary", priority: "standard", label: "Kosher", checklistItems: ["Order a kosher meal"] },
  { code: "access_step_free", category: "access", priority: "high", label: "Step-free access (mobility)",
    hint: "For example a walking aid, or unable to use stairs", checklistItems: ["Confirm a step-free route from the entrance to the room or seat"],
    venueFeatures: ["step_free_entrance", "step_free_route"] },
  { code: "access_wheelchair", category: "access", priority: "high", label: "Wheelchair user",
    checklistItems: ["Confirm step-free access and an accessible toilet", "Keep a wheelchair space free (at a table, or in the seating)"],
    venueFeatures: ["step_free_entrance", "step_free_route", "accessible_toilet"] },
  { code: "hearing_loop", category: "hearing", priority: "high", label: "Hearing loop", checklistItems: ["Test the hearing loop in the room"],
    venueFeatures: ["hearing_loop"] },
  { code: "hearing_bsl", category: "hearing", priority: "high", label: "Sign language interpreter",
    checklistItems: ["Book a sign language interpreter", "Reserve a seat with a clear view of the interpreter"] },
  { code: "visual_large_print", category: "visual", priority: "standard", label: "Large-print materials", checklistItems: ["Print handouts or programmes in large print"] },
  { code: "visual_assistance_dog", category: "visual", priority: "high", label: "Assistance dog", checklistItems: ["Tell the venue an assistance dog is coming; arrange water"],
    venueFeatures: ["assistance_dog_area"] },
  { code: "medical_condition", category: "medical", priority: "critical", detailsRequired: true,
    label: "Medical condition staff should know about", hint: "For example epilepsy or diabetes, and what to do",
    checklistItems: ["Brief the trainer or host and the first aider on the condition and the response plan"] },
  { code: "medical_medication", category: "medical", priority: "high", label: "Needs to take medication during the day",
    checklistItems: ["Arrange a private space and breaks for medication"], venueFeatures: ["quiet_room"] },
  { code: "other", category: "other", priority: "standard", detailsRequired: true, label: "Something else",
    hint: "Tell us what would help", checklistItems: ["Review and plan for the attendee's request"] },
];

/** Accessibility assessments: the Old Mill has steps and no hearing loop, so sessions there show a warning. */
export const venueFeatureSeed: Record<string, Record<string, "yes" | "no" | "unknown">> = {
  "riverside-centre": {
    step_free_entrance: "yes", step_free_route: "yes", lift: "yes", accessible_toilet: "yes", hearing_loop: "yes",
    accessible_parking: "yes", quiet_room: "yes", allergen_safe_catering: "yes", assistance_dog_area: "yes",
  },
  "old-mill-studio": {
    step_free_entrance: "no", step_free_route: "no", lift: "no", accessible_toilet: "yes", hearing_loop: "no",
    accessible_parking: "unknown", quiet_room: "yes", allergen_safe_catering: "yes",
  },
  "harbour-hall": { step_free_entrance: "yes", step_free_route: "yes", accessible_toilet: "yes", hearing_loop: "unknown" },
  "corn-exchange": { step_free_entrance: "yes", step_free_route: "yes", lift: "yes", accessible_toilet: "yes", hearing_loop: "yes" },
};

export const venueSeed = [
  { slug: "riverside-centre", name: "Riverside Training Centre", addressLine1: "12 Wharf Road", city: "London", postalCode: "N1 7GR", country: "GB", timeZone: "Europe/London" },
  { slug: "old-mill-studio", name: "The Old Mill Studio", addressLine1: "4 Mill Lane", city: "Manchester", postalCode: "M4 6BF", country: "GB", timeZone: "Europe/London" },
  { slug: "harbour-hall", name: "Harbour Hall", addressLine1: "88 Shore Street", city: "Edinburgh", postalCode: "EH6 6QW", country: "GB", timeZone: "Europe/London" },
  { slug: "corn-exchange", name: "The Corn Exchange", addressLine1: "1 Exchange Square", city: "Leeds", postalCode: "LS1 7BR", country: "GB", timeZone: "Europe/London" },
];

type SessionSeed = { venue: string; inDays: number; start: string; end: string; capacity: number; presold?: number; seatingPlan?: string; houseSeats?: number };

/** Ticket types beyond the course's first ("Standard" at the course price, which `seatClass` may map to seats). */
type TicketTypeSeed = { name: string; description?: string; priceAmount: number; quota?: number; seatClass?: string };

export const courseSeed: {
  slug: string; title: string; summary: string; description: string; category: string;
  priceAmount: number; depositAmount: number | null; currency: string; sessions: SessionSeed[];
  standardSeatClass?: string; standardDescription?: string; moreTicketTypes?: TicketTypeSeed[];
}[] = [
  {
    slug: "first-aid-at-work", title: "First Aid at Work", category: "Health & safety",
    summary: "A day of hands-on first aid, leading to a three-year certificate.",
    description: "Resuscitation, wounds, burns, fractures and managing an incident, practised on manikins and in scenarios. Lunch is provided; tell us about dietary needs and allergies when you book.",
    priceAmount: 28500, depositAmount: 8500, currency: "GBP",
    sessions: [
      { venue: "riverside-centre", inDays: 9, start: "09:30", end: "16:30", capacity: 12 },
      { venue: "old-mill-studio", inDays: 23, start: "09:30", end: "16:30", capacity: 12 },
      { venue: "harbour-hall", inDays: 44, start: "09:30", end: "16:30", capacity: 16 },
    ],
  },
  {
    slug: "food-hygiene-level-2", title: "Food Hygiene Level 2", category: "Health & safety",
    summary: "A one-day course for anyone who handles food at work.",
    description: "Contamination, cleaning, temperature control and the law, with a short assessment at the end of the day.",
    priceAmount: 9500, depositAmount: null, currency: "GBP",
    sessions: [
      { venue: "old-mill-studio", inDays: 6, start: "10:00", end: "16:00", capacity: 12, presold: 10 },
      { venue: "riverside-centre", inDays: 20, start: "10:00", end: "16:00", capacity: 20 },
    ],
  },
  {
    slug: "salsa-for-beginners", title: "Salsa for Beginners", category: "Dance",
    summary: "An evening class for people who have never danced salsa. No partner needed.",
    description: "Basic steps, turns and leading and following, at an easy pace. Wear comfortable shoes.",
    priceAmount: 2500, depositAmount: null, currency: "GBP",
    moreTicketTypes: [{ name: "Concession", priceAmount: 1800, quota: 8, description: "Students, over-60s and jobseekers: bring proof on the night." }],
    sessions: [
      { venue: "old-mill-studio", inDays: 4, start: "19:00", end: "21:00", capacity: 24 },
      { venue: "old-mill-studio", inDays: 11, start: "19:00", end: "21:00", capacity: 24 },
      { venue: "old-mill-studio", inDays: 18, start: "19:00", end: "21:00", capacity: 24 },
    ],
  },
  {
    slug: "public-speaking-masterclass", title: "Public Speaking Masterclass", category: "Professional skills",
    summary: "Two days to plan, rehearse and deliver a talk with confidence, with video feedback.",
    description: "Structure, voice, slides and handling questions. Small groups, each speaker filmed and coached.",
    priceAmount: 42000, depositAmount: 12000, currency: "GBP",
    sessions: [
      { venue: "harbour-hall", inDays: 30, start: "09:00", end: "17:00", capacity: 10 },
      { venue: "riverside-centre", inDays: 51, start: "09:00", end: "17:00", capacity: 10 },
    ],
  },
  {
    slug: "watercolour-weekend", title: "Watercolour Weekend", category: "Arts",
    summary: "Loose, bright landscapes in watercolour: materials included.",
    description: "Washes, wet-in-wet, and painting light, over a relaxed weekend day. All materials are provided.",
    priceAmount: 14000, depositAmount: null, currency: "GBP",
    sessions: [
      { venue: "harbour-hall", inDays: 13, start: "10:00", end: "16:00", capacity: 14 },
      { venue: "harbour-hall", inDays: 27, start: "10:00", end: "16:00", capacity: 14 },
    ],
  },
  {
    slug: "winter-gala-concert", title: "Winter Gala Concert", category: "Concerts",
    summary: "The city orchestra's winter gala: Tchaikovsky, Sibelius and carols for everyone. Choose your seats.",
    description: "A festive evening with the full orchestra and choir. Reserved seating: pick your seats on the plan. Wheelchair spaces with a companion seat are in row L of the stalls.",
    priceAmount: 3500, depositAmount: null, currency: "GBP",
    standardSeatClass: "Standard", standardDescription: "Rear stalls and circle.",
    moreTicketTypes: [
      { name: "Premium", priceAmount: 5500, seatClass: "Premium", description: "Centre stalls, rows D to H." },
      { name: "VIP", priceAmount: 9500, seatClass: "VIP", description: "Front stalls, rows A to C, with a programme and a glass of wine." },
    ],
    sessions: [
      { venue: "corn-exchange", inDays: 15, start: "19:30", end: "22:00", capacity: 304, seatingPlan: "Main auditorium", houseSeats: 2 },
      { venue: "corn-exchange", inDays: 16, start: "19:30", end: "22:00", capacity: 304, seatingPlan: "Main auditorium" },
    ],
  },
];

/** Seats of a plan as staff would import them: section, row, seat, class, position and flags. */
export type SeatSeed = { section: string; row: string; number: string; seatClass: string; x: number; y: number; flags: ("wheelchair" | "companion" | "restricted_view")[] };

/** The Corn Exchange's auditorium: 12 stalls rows of 20 (VIP A–C, Premium D–H, Standard I–L) and 4 circle rows of 16. */
export function cornExchangeSeats(): SeatSeed[] {
  const seats: SeatSeed[] = [];
  "ABCDEFGHIJKL".split("").forEach((row, r) => {
    const seatClass = r < 3 ? "VIP" : r < 8 ? "Premium" : "Standard";
    for (let n = 1; n <= 20; n++) {
      const flags: SeatSeed["flags"] = row === "L" && n <= 2 ? ["wheelchair"] : row === "L" && n === 3 ? ["companion"] : [];
      seats.push({ section: "Stalls", row, number: String(n), seatClass, x: n * 30 + (n > 10 ? 30 : 0), y: 60 + r * 30, flags });
    }
  });
  "ABCD".split("").forEach((row, r) => {
    for (let n = 1; n <= 16; n++) {
      const flags: SeatSeed["flags"] = n === 1 || n === 16 ? ["restricted_view"] : [];
      seats.push({ section: "Circle", row, number: String(n), seatClass: "Standard", x: 60 + n * 30 + (n > 8 ? 30 : 0), y: 480 + r * 30, flags });
    }
  });
  return seats;
}

/** Minutes since midnight for "HH:MM". */
const hm = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
const WEEKDAYS = [1, 2, 3, 4, 5];

/**
 * A childcare centre booked by the hour at two locations with different opening hours and rates. Closures
 * are days of the coming year (month-day); the seed places them in the next occurrence.
 */
export const slotOfferingSeed = [
  {
    venue: { slug: "little-acorns-islington", name: "Little Acorns Childcare, Islington", addressLine1: "27 Canonbury Road", city: "London", postalCode: "N1 2DG", country: "GB", timeZone: "Europe/London" },
    course: {
      slug: "little-acorns-islington", title: "Little Acorns Childcare — Islington", category: "Childcare",
      summary: "Flexible childcare for ages 2 to 11, booked by the hour.",
      description: "Play-based care with qualified staff in a bright ground-floor setting with a garden. Choose a day and the hours you need, for one or more children; lunch and snacks included.",
      currency: "GBP",
    },
    offering: { slotMinutes: 30, capacityPerSlot: 12, standardRateAmount: 450, peakRateAmount: 600, minSpanMinutes: 120, maxSpanMinutes: 660, bookAheadDays: 90, latestMinutesBeforeStart: 60, minAgeYears: 2, maxAgeYears: 11, checkOutRequired: true },
    hours: [...WEEKDAYS.map((weekday) => ({ weekday, opensAt: hm("07:30"), closesAt: hm("18:30") })), { weekday: 6, opensAt: hm("09:00"), closesAt: hm("13:00") }],
    peaks: [{ weekdays: WEEKDAYS, startsAt: hm("07:30"), endsAt: hm("09:00") }, { weekdays: WEEKDAYS, startsAt: hm("16:00"), endsAt: hm("18:30") }],
    closures: [
      { monthDay: "12-24", reason: "Christmas Eve: closing early", opensAt: hm("07:30"), closesAt: hm("13:00") },
      { monthDay: "12-25", reason: "Christmas Day" }, { monthDay: "12-26", reason: "Boxing Day" }, { monthDay: "01-01", reason: "New Year's Day" },
    ],
  },
  {
    venue: { slug: "little-acorns-leeds", name: "Little Acorns Childcare, Park Square", addressLine1: "5 Park Square East", city: "Leeds", postalCode: "LS1 2NE", country: "GB", timeZone: "Europe/London" },
    course: {
      slug: "little-acorns-leeds", title: "Little Acorns Childcare — Leeds", category: "Childcare",
      summary: "Hourly childcare for ages 3 to 11 in central Leeds.",
      description: "A calm city-centre setting with a soft-play room and a quiet corner for homework. Book the hours you need on weekdays.",
      currency: "GBP",
    },
    offering: { slotMinutes: 60, capacityPerSlot: 8, standardRateAmount: 750, peakRateAmount: 1000, minSpanMinutes: 60, maxSpanMinutes: 600, bookAheadDays: 60, latestMinutesBeforeStart: 120, minAgeYears: 3, maxAgeYears: 11, checkOutRequired: true },
    hours: WEEKDAYS.map((weekday) => ({ weekday, opensAt: hm("08:00"), closesAt: hm("18:00") })),
    peaks: [{ weekdays: WEEKDAYS, startsAt: hm("08:00"), endsAt: hm("09:00") }, { weekdays: WEEKDAYS, startsAt: hm("16:00"), endsAt: hm("18:00") }],
    closures: [
      { monthDay: "12-25", reason: "Christmas Day" }, { monthDay: "12-26", reason: "Boxing Day" }, { monthDay: "01-01", reason: "New Year's Day" },
    ],
  },
] as const;

/** What the childcare centre asks about each child, and once per booking. */
export const childcareQuestionSeed = [
  { kind: "date_of_birth", scope: "per_attendee", label: "Date of birth", help: "We check the child's age on the booked day.", required: true, sensitive: true },
  { kind: "short_text", scope: "per_attendee", label: "Who may collect this child?", help: "Full names, separated by commas. We ask for photo ID at collection.", required: true, sensitive: true, atDoor: true },
  { kind: "short_text", scope: "per_attendee", label: "Emergency contact name", required: true, sensitive: true },
  { kind: "phone", scope: "per_attendee", label: "Emergency contact phone", required: true, sensitive: true },
  { kind: "long_text", scope: "per_attendee", label: "Special instructions", help: "Naps, comfort items, routines. Allergies and medical needs go under special requirements.", required: false, sensitive: false },
  { kind: "yes_no", scope: "per_booking", label: "May we photograph your children for the parents' newsletter?", required: true, sensitive: false },
] as const;
