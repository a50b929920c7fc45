// Staff input for personal data requests.
import { z } from "zod";

const email = z.string({ error: "Enter the person's email address" }).trim().min(1, "Enter the person's email address")
  .max(254, "That email address is too long").pipe(z.email("Enter a valid email address"));

export const personLookupSchema = z.object({ email });

export const erasePersonSchema = z.object({
  email,
  reason: z.string({ error: "Give the reason for the erasure" }).trim().min(3, "Give the reason for the erasure").max(500, "Keep the reason under 500 characters"),
  confirmEmail: z.string().trim(),
}).superRefine((v, ctx) => {
  if (v.confirmEmail.toLowerCase() !== v.email.toLowerCase())
    ctx.addIssue({ code: "custom", path: ["confirmEmail"], message: "Type the same email address again to confirm" });
});

export type ErasePersonValues = z.input<typeof erasePersonSchema>;
