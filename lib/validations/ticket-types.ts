// Staff input for ticket types: what a place costs, how many of each kind a session sells and when. The
// form sends strings as typed; the server action parses them with the same schema.
import { z } from "zod";
import { depositBelowPrice, depositField, localDateTime, optionalText, priceAndDeposit, priceField, text, uuidInput, wholeNumber } from "./catalog";
import { acrossFieldsOf } from "./cross-field";

const blankToUndefined = (v: unknown) => (v === null || (typeof v === "string" && v.trim() === "") ? undefined : v);

const checkbox = z.union([z.boolean(), z.literal("on"), z.literal("true"), z.literal("false")]).optional()
  .transform((v) => v === true || v === "on" || v === "true");

const fields = {
  currency: z.string({ error: "Currency is required" }).trim().toUpperCase().regex(/^[A-Z]{3}$/, "Currency is required"),
  name: text("Name", 80),
  description: optionalText("Description", 500),
  price: priceField,
  deposit: depositField,
  quota: z.preprocess(blankToUndefined, wholeNumber("Quota", 1, 100_000).optional()),
  seatClass: optionalText("Seat class", 40),
  onSaleFrom: z.preprocess(blankToUndefined, localDateTime("On sale from").optional()),
  onSaleUntil: z.preprocess(blankToUndefined, localDateTime("On sale until").optional()),
  minPerBooking: wholeNumber("Minimum per booking", 0, 12),
  maxPerBooking: wholeNumber("Maximum per booking", 1, 12),
  visible: checkbox,
};

type Fields = z.output<z.ZodObject<typeof fields>>;

/** The rules across fields, each told as soon as its own fields are valid. */
const acrossTicket = acrossFieldsOf<Fields>();
const acrossTicketFields = [
  depositBelowPrice,
  acrossTicket(["minPerBooking", "maxPerBooking"], (v, ctx) => {
    if (v.minPerBooking > v.maxPerBooking) ctx.addIssue({ code: "custom", path: ["minPerBooking"], message: "The minimum cannot be above the maximum" });
  }),
  acrossTicket(["onSaleFrom", "onSaleUntil"], (v, ctx) => {
    // Same zone, same format: the strings compare like the times they name.
    if (v.onSaleFrom && v.onSaleUntil && v.onSaleUntil <= v.onSaleFrom)
      ctx.addIssue({ code: "custom", path: ["onSaleUntil"], message: "The end of sales must be after their start" });
  }),
];

/** What is stored, once every check passed (a transform runs only then). */
function toTicketType<V extends Fields>(v: V, ctx: z.RefinementCtx) {
  const money = priceAndDeposit(v, ctx);
  if (!money) return z.NEVER;
  const { price: _p, deposit: _d, ...rest } = v;
  return {
    ...rest, ...money,
    description: v.description ?? null, quota: v.quota ?? null, seatClass: v.seatClass ?? null,
    onSaleFrom: v.onSaleFrom ?? null, onSaleUntil: v.onSaleUntil ?? null,
  };
}

/** A course's default type (no session), or a session's own type. */
export const ticketTypeSchema = z.object({
  courseId: uuidInput("course"),
  sessionId: z.preprocess(blankToUndefined, z.uuid("Not a valid session").optional()),
  ...fields,
}).check(...acrossTicketFields).transform((v, ctx) => {
  const out = toTicketType(v, ctx);
  return { ...out, sessionId: v.sessionId ?? null };
});
export type TicketTypeInput = z.input<typeof ticketTypeSchema>;

export const updateTicketTypeSchema = z.object({ id: uuidInput("ticket type"), ...fields }).check(...acrossTicketFields).transform(toTicketType);
export type TicketTypeValues = Omit<z.output<typeof updateTicketTypeSchema>, "id">;

export const moveTicketTypeSchema = z.object({
  id: uuidInput("ticket type"),
  direction: z.enum(["up", "down"], { error: "Choose up or down" }),
});
