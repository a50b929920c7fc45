// The admin form of a course's cancellation policy: up to five bands, a refundable deposit or not, a fee.
import { z } from "zod";
import { moneyText, parseMoney, uuidInput } from "./catalog";

export const MAX_POLICY_BANDS = 5;

const bandRow = z.object({ hoursBefore: z.string().trim().max(10), refundPercent: z.string().trim().max(10) });

export const cancellationPolicyFormSchema = z.object({
  id: uuidInput("course"),
  currency: z.string().regex(/^[A-Z]{3}$/),
  bands: z.array(bandRow).max(MAX_POLICY_BANDS),
  depositRefundable: z.boolean(),
  fee: moneyText,
}).transform((v, ctx) => {
  const fail = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
  const bands: { hoursBefore: number; refundPercent: number }[] = [];
  v.bands.forEach((row, i) => {
    if (row.hoursBefore === "" && row.refundPercent === "") return;
    const hours = /^\d{1,4}$/.test(row.hoursBefore) ? Number(row.hoursBefore) : NaN;
    const percent = /^\d{1,3}$/.test(row.refundPercent) ? Number(row.refundPercent) : NaN;
    if (!(hours >= 0 && hours <= 8760)) return fail(["bands", i, "hoursBefore"], "Enter whole hours from 0 to 8760");
    if (!(percent >= 0 && percent <= 100)) return fail(["bands", i, "refundPercent"], "Enter a whole percentage from 0 to 100");
    const above = bands[bands.length - 1];
    if (above && hours >= above.hoursBefore) return fail(["bands", i, "hoursBefore"], "Each band must start fewer hours before the session than the one above it");
    if (above && percent > above.refundPercent) return fail(["bands", i, "refundPercent"], "A later band cannot refund more than the one above it");
    bands.push({ hoursBefore: hours, refundPercent: percent });
  });
  let feeAmount = 0;
  if (v.fee !== "") {
    const parsed = v.fee.startsWith("-") ? null : parseMoney(v.fee, v.currency);
    if (parsed === null) fail(["fee"], "Enter a fee such as 10 or 10.00, or leave it empty");
    else feeAmount = parsed;
  }
  return { id: v.id, bands, depositRefundable: v.depositRefundable, feeAmount };
});

export type CancellationPolicyFormInput = z.input<typeof cancellationPolicyFormSchema>;
