ALTER TABLE "booking_attendees" ADD COLUMN "cancelled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "credited_amount" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "balance_checkout_session_id" text;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "balance_checkout_url" text;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "balance_checkout_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "parent_refund_id" uuid;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "requested_by" uuid;--> statement-breakpoint
ALTER TABLE "credit_notes" ADD COLUMN "refund_amount" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "prices_include_tax" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_parent_refund_id_refunds_id_fk" FOREIGN KEY ("parent_refund_id") REFERENCES "public"."refunds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_balance_checkout_session_key" ON "bookings" USING btree ("balance_checkout_session_id");--> statement-breakpoint
CREATE INDEX "refunds_booking_idx" ON "refunds" USING btree ("booking_id");--> statement-breakpoint
CREATE INDEX "refunds_parent_idx" ON "refunds" USING btree ("parent_refund_id");--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_credited_amount_range" CHECK ("bookings"."credited_amount" between 0 and "bookings"."total_amount");--> statement-breakpoint
ALTER TABLE "credit_notes" ADD CONSTRAINT "credit_notes_refund_within_total" CHECK ("credit_notes"."refund_amount" between 0 and "credit_notes"."total_amount");