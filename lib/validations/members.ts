// Staff input for fan-club members: one member from the form, or one line of an imported CSV.
import { z } from "zod";
import { optionalText, text } from "./catalog";
import { acrossFields } from "./cross-field";
import { MEMBER_LEVELS } from "./member-levels";

export { MEMBER_LEVELS };

const blank = (v: unknown) => (v === null || (typeof v === "string" && v.trim() === "") ? undefined : v);
const date = (label: string) => z.string({ error: `${label} is required` }).trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter ${label.toLowerCase()} as a date (YYYY-MM-DD)`)
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), `${label} is not a real date`);

export const memberSchema = z.object({
  email: z.string({ error: "Email is required" }).trim().toLowerCase().max(254, "Email must be at most 254 characters").pipe(z.email("Enter a valid email address")),
  name: optionalText("Name", 200),
  level: z.enum(MEMBER_LEVELS, { error: "Choose silver, gold or platinum" }),
  number: text("Member number", 40).regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, "Member number may use letters, digits, hyphens and underscores"),
  validFrom: date("Valid from"),
  validUntil: z.preprocess(blank, date("Valid until").optional()),
}).check(acrossFields<{ validFrom: string; validUntil?: string }>(["validFrom", "validUntil"], (v, ctx) => {
  if (v.validUntil && v.validUntil <= v.validFrom) ctx.addIssue({ code: "custom", path: ["validUntil"], message: "Valid until must be after valid from" });
}));

export type MemberInput = z.input<typeof memberSchema>;
export type MemberValues = z.output<typeof memberSchema>;

export const importMembersSchema = z.object({
  csv: z.string({ error: "Choose a CSV file" }).min(1, "The CSV is empty").max(1_000_000, "The CSV is larger than 1 MB"),
});
