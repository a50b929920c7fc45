-- A course's cancellation bands: at most 10, each {hoursBefore: whole hours 0..8760, refundPercent: whole 0..100},
-- hoursBefore strictly falling and refundPercent never rising from one band to the next (most generous first).
CREATE OR REPLACE FUNCTION cancellation_bands_valid(bands jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_typeof(bands) = 'array' AND jsonb_array_length(bands) <= 10 AND coalesce((
    SELECT bool_and(CASE
      WHEN jsonb_typeof(b.value) <> 'object' OR jsonb_typeof(b.value->'hoursBefore') <> 'number'
        OR jsonb_typeof(b.value->'refundPercent') <> 'number' THEN false
      WHEN (b.value->>'hoursBefore')::numeric NOT BETWEEN 0 AND 8760
        OR (b.value->>'hoursBefore')::numeric <> trunc((b.value->>'hoursBefore')::numeric)
        OR (b.value->>'refundPercent')::numeric NOT BETWEEN 0 AND 100
        OR (b.value->>'refundPercent')::numeric <> trunc((b.value->>'refundPercent')::numeric) THEN false
      WHEN b.ord = 1 THEN true
      WHEN jsonb_typeof(bands->(b.ord::int - 2)->'hoursBefore') <> 'number'
        OR jsonb_typeof(bands->(b.ord::int - 2)->'refundPercent') <> 'number' THEN false
      ELSE (bands->(b.ord::int - 2)->>'hoursBefore')::numeric > (b.value->>'hoursBefore')::numeric
        AND (bands->(b.ord::int - 2)->>'refundPercent')::numeric >= (b.value->>'refundPercent')::numeric
    END)
    FROM jsonb_array_elements(bands) WITH ORDINALITY AS b(value, ord)), true)
$$;--> statement-breakpoint
CREATE TYPE "public"."waitlist_offer_status" AS ENUM('open', 'accepted', 'lapsed', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."waitlist_status" AS ENUM('waiting', 'offered', 'booked', 'left', 'lapsed');--> statement-breakpoint
CREATE TABLE "booking_cancellations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"booking_id" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"request_hash" text NOT NULL,
	"attendee_ids" jsonb NOT NULL,
	"channel" text NOT NULL,
	"hours_before_start" integer NOT NULL,
	"refund_percent" integer NOT NULL,
	"paid_for_places" integer NOT NULL,
	"deposit_kept" integer NOT NULL,
	"fee_amount" integer NOT NULL,
	"refund_amount" integer NOT NULL,
	"credit_amount" integer NOT NULL,
	"currency" text NOT NULL,
	"refund_id" uuid,
	"credit_note_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "booking_cancellations_channel" CHECK ("booking_cancellations"."channel" in ('page', 'api')),
	CONSTRAINT "booking_cancellations_percent_range" CHECK ("booking_cancellations"."refund_percent" between 0 and 100),
	CONSTRAINT "booking_cancellations_amounts" CHECK ("booking_cancellations"."paid_for_places" >= 0 and "booking_cancellations"."deposit_kept" >= 0 and "booking_cancellations"."fee_amount" >= 0
    and "booking_cancellations"."refund_amount" >= 0 and "booking_cancellations"."credit_amount" >= 0 and "booking_cancellations"."refund_amount" + "booking_cancellations"."deposit_kept" + "booking_cancellations"."fee_amount" <= "booking_cancellations"."paid_for_places"),
	CONSTRAINT "booking_cancellations_refund_row" CHECK (("booking_cancellations"."refund_amount" > 0) = ("booking_cancellations"."refund_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "waitlist_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"ticket_type_id" uuid,
	"email" text NOT NULL,
	"places" integer NOT NULL,
	"note" text,
	"position" bigserial NOT NULL,
	"status" "waitlist_status" DEFAULT 'waiting' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "waitlist_entries_places_range" CHECK ("waitlist_entries"."places" between 1 and 12),
	CONSTRAINT "waitlist_entries_note_length" CHECK ("waitlist_entries"."note" is null or length("waitlist_entries"."note") <= 500),
	CONSTRAINT "waitlist_entries_email_shape" CHECK ("waitlist_entries"."email" ~ '^[^@\s]+@[^@\s]+$')
);
--> statement-breakpoint
CREATE TABLE "waitlist_offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entry_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"ticket_type_id" uuid,
	"places" integer NOT NULL,
	"status" "waitlist_offer_status" DEFAULT 'open' NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"booking_id" uuid,
	"offered_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "waitlist_offers_places_range" CHECK ("waitlist_offers"."places" between 1 and 12),
	CONSTRAINT "waitlist_offers_accepted_booking" CHECK (("waitlist_offers"."status" = 'accepted') = ("waitlist_offers"."booking_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "credit_notes" ALTER COLUMN "refund_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "courses" ADD COLUMN "cancellation_bands" jsonb DEFAULT '[{"hoursBefore":336,"refundPercent":100},{"hoursBefore":48,"refundPercent":50}]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "courses" ADD COLUMN "cancellation_deposit_refundable" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "courses" ADD COLUMN "cancellation_fee_amount" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "booking_cancellations" ADD CONSTRAINT "booking_cancellations_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_cancellations" ADD CONSTRAINT "booking_cancellations_refund_id_refunds_id_fk" FOREIGN KEY ("refund_id") REFERENCES "public"."refunds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_cancellations" ADD CONSTRAINT "booking_cancellations_credit_note_id_credit_notes_id_fk" FOREIGN KEY ("credit_note_id") REFERENCES "public"."credit_notes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_session_id_course_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."course_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_ticket_type_id_ticket_types_id_fk" FOREIGN KEY ("ticket_type_id") REFERENCES "public"."ticket_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_offers" ADD CONSTRAINT "waitlist_offers_entry_id_waitlist_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."waitlist_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_offers" ADD CONSTRAINT "waitlist_offers_session_id_course_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."course_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_offers" ADD CONSTRAINT "waitlist_offers_ticket_type_id_ticket_types_id_fk" FOREIGN KEY ("ticket_type_id") REFERENCES "public"."ticket_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_offers" ADD CONSTRAINT "waitlist_offers_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_offers" ADD CONSTRAINT "waitlist_offers_offered_by_users_id_fk" FOREIGN KEY ("offered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "booking_cancellations_key" ON "booking_cancellations" USING btree ("booking_id","idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "booking_cancellations_refund_key" ON "booking_cancellations" USING btree ("refund_id");--> statement-breakpoint
CREATE INDEX "booking_cancellations_booking_idx" ON "booking_cancellations" USING btree ("booking_id");--> statement-breakpoint
CREATE UNIQUE INDEX "waitlist_entries_active_email_key" ON "waitlist_entries" USING btree ("session_id",lower("email")) WHERE "waitlist_entries"."status" in ('waiting', 'offered');--> statement-breakpoint
CREATE INDEX "waitlist_entries_queue_idx" ON "waitlist_entries" USING btree ("session_id","status","position");--> statement-breakpoint
CREATE UNIQUE INDEX "waitlist_offers_open_entry_key" ON "waitlist_offers" USING btree ("entry_id") WHERE "waitlist_offers"."status" = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "waitlist_offers_booking_key" ON "waitlist_offers" USING btree ("booking_id");--> statement-breakpoint
CREATE INDEX "waitlist_offers_open_expiry_idx" ON "waitlist_offers" USING btree ("expires_at") WHERE "waitlist_offers"."status" = 'open';--> statement-breakpoint
CREATE INDEX "waitlist_offers_session_idx" ON "waitlist_offers" USING btree ("session_id");--> statement-breakpoint
ALTER TABLE "courses" ADD CONSTRAINT "courses_cancellation_bands_valid" CHECK (cancellation_bands_valid("courses"."cancellation_bands"));--> statement-breakpoint
ALTER TABLE "courses" ADD CONSTRAINT "courses_cancellation_fee_range" CHECK ("courses"."cancellation_fee_amount" between 0 and 100000000);