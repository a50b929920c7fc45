DROP INDEX "invoices_booking_key";--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "supplements_invoice_id" uuid;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "payment_id" uuid;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_supplements_invoice_id_invoices_id_fk" FOREIGN KEY ("supplements_invoice_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_payment_key" ON "invoices" USING btree ("payment_id") WHERE "invoices"."payment_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_booking_key" ON "invoices" USING btree ("booking_id") WHERE "invoices"."supplements_invoice_id" is null;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_supplement_paid" CHECK (("invoices"."supplements_invoice_id" is null) = ("invoices"."payment_id" is null));