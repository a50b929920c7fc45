CREATE TYPE "public"."session_seat_status" AS ENUM('held', 'booked', 'blocked');--> statement-breakpoint
CREATE TABLE "seating_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"venue_id" uuid NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "seating_plans_name_present" CHECK (length(trim("seating_plans"."name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "seats" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"section" text NOT NULL,
	"row" text NOT NULL,
	"number" text NOT NULL,
	"seat_class" text NOT NULL,
	"x" real NOT NULL,
	"y" real NOT NULL,
	"flags" text[] DEFAULT '{}'::text[] NOT NULL,
	"sort_order" integer NOT NULL,
	CONSTRAINT "seats_flags_known" CHECK ("seats"."flags" <@ array['wheelchair','companion','restricted_view']::text[])
);
--> statement-breakpoint
CREATE TABLE "ticket_type_inventory" (
	"session_id" uuid NOT NULL,
	"ticket_type_id" uuid NOT NULL,
	"quota" integer,
	"places_booked" integer DEFAULT 0 NOT NULL,
	"places_held" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "ticket_type_inventory_pkey" PRIMARY KEY("session_id","ticket_type_id"),
	CONSTRAINT "ticket_type_inventory_places_nonnegative" CHECK ("ticket_type_inventory"."places_booked" >= 0 and "ticket_type_inventory"."places_held" >= 0),
	CONSTRAINT "ticket_type_inventory_within_quota" CHECK ("ticket_type_inventory"."quota" is null or "ticket_type_inventory"."places_booked" + "ticket_type_inventory"."places_held" <= "ticket_type_inventory"."quota")
);
--> statement-breakpoint
CREATE TABLE "ticket_types" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"course_id" uuid NOT NULL,
	"session_id" uuid,
	"name" text NOT NULL,
	"description" text,
	"price_amount" integer NOT NULL,
	"deposit_amount" integer,
	"quota" integer,
	"seat_class" text,
	"on_sale_from" timestamp with time zone,
	"on_sale_until" timestamp with time zone,
	"min_per_booking" integer DEFAULT 0 NOT NULL,
	"max_per_booking" integer DEFAULT 12 NOT NULL,
	"visible" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"retired_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ticket_types_price_nonnegative" CHECK ("ticket_types"."price_amount" >= 0),
	CONSTRAINT "ticket_types_deposit_below_price" CHECK ("ticket_types"."deposit_amount" is null or ("ticket_types"."deposit_amount" > 0 and "ticket_types"."deposit_amount" < "ticket_types"."price_amount")),
	CONSTRAINT "ticket_types_quota_positive" CHECK ("ticket_types"."quota" is null or "ticket_types"."quota" > 0),
	CONSTRAINT "ticket_types_per_booking_range" CHECK ("ticket_types"."min_per_booking" between 0 and 12 and "ticket_types"."max_per_booking" between 1 and 12 and "ticket_types"."min_per_booking" <= "ticket_types"."max_per_booking"),
	CONSTRAINT "ticket_types_sale_window" CHECK ("ticket_types"."on_sale_from" is null or "ticket_types"."on_sale_until" is null or "ticket_types"."on_sale_from" < "ticket_types"."on_sale_until"),
	CONSTRAINT "ticket_types_name_present" CHECK (length(trim("ticket_types"."name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "session_seats" (
	"session_id" uuid NOT NULL,
	"seat_id" uuid NOT NULL,
	"status" "session_seat_status" NOT NULL,
	"booking_id" uuid,
	"attendee_id" uuid,
	"note" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "session_seats_pkey" PRIMARY KEY("session_id","seat_id"),
	CONSTRAINT "session_seats_owner" CHECK (("session_seats"."status" = 'blocked') = ("session_seats"."booking_id" is null) and ("session_seats"."booking_id" is null) = ("session_seats"."attendee_id" is null))
);
--> statement-breakpoint
ALTER TABLE "bookings" DROP CONSTRAINT "bookings_total_matches_unit";--> statement-breakpoint
ALTER TABLE "bookings" ALTER COLUMN "unit_amount" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "course_sessions" ADD COLUMN "seating_plan_id" uuid;--> statement-breakpoint
ALTER TABLE "booking_attendees" ADD COLUMN "ticket_type_id" uuid;--> statement-breakpoint
ALTER TABLE "booking_attendees" ADD COLUMN "unit_amount" integer;--> statement-breakpoint
ALTER TABLE "booking_attendees" ADD COLUMN "deposit_amount" integer;--> statement-breakpoint
ALTER TABLE "booking_attendees" ADD COLUMN "seat_id" uuid;--> statement-breakpoint
ALTER TABLE "seating_plans" ADD CONSTRAINT "seating_plans_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seats" ADD CONSTRAINT "seats_plan_id_seating_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."seating_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_type_inventory" ADD CONSTRAINT "ticket_type_inventory_session_id_course_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."course_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_type_inventory" ADD CONSTRAINT "ticket_type_inventory_ticket_type_id_ticket_types_id_fk" FOREIGN KEY ("ticket_type_id") REFERENCES "public"."ticket_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_types" ADD CONSTRAINT "ticket_types_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_types" ADD CONSTRAINT "ticket_types_session_id_course_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."course_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_seats" ADD CONSTRAINT "session_seats_session_id_course_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."course_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_seats" ADD CONSTRAINT "session_seats_seat_id_seats_id_fk" FOREIGN KEY ("seat_id") REFERENCES "public"."seats"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_seats" ADD CONSTRAINT "session_seats_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_seats" ADD CONSTRAINT "session_seats_attendee_id_booking_attendees_id_fk" FOREIGN KEY ("attendee_id") REFERENCES "public"."booking_attendees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Existing data takes the new shape: every course gets one "Standard" ticket type at its price, every place
-- is of that type at the price it was sold at, and each session counts its places per type.
INSERT INTO "ticket_types" ("course_id", "name", "price_amount", "deposit_amount")
  SELECT "id", 'Standard', "price_amount", "deposit_amount" FROM "courses";--> statement-breakpoint
UPDATE "booking_attendees" a SET
  "ticket_type_id" = t."id",
  "unit_amount" = b."unit_amount",
  "deposit_amount" = CASE WHEN b."payment_option" = 'deposit' THEN b."amount_due_now" / b."attendee_count" ELSE t."deposit_amount" END
  FROM "bookings" b, "course_sessions" s, "ticket_types" t
  WHERE b."id" = a."booking_id" AND s."id" = b."session_id" AND t."course_id" = s."course_id";--> statement-breakpoint
ALTER TABLE "booking_attendees" ALTER COLUMN "ticket_type_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "booking_attendees" ALTER COLUMN "unit_amount" SET NOT NULL;--> statement-breakpoint
INSERT INTO "ticket_type_inventory" ("session_id", "ticket_type_id", "places_booked", "places_held")
  SELECT s."id", t."id",
    (SELECT count(*) FROM "booking_attendees" a JOIN "bookings" b ON b."id" = a."booking_id"
      WHERE b."session_id" = s."id" AND b."status" = 'confirmed' AND a."cancelled_at" IS NULL),
    (SELECT count(*) FROM "booking_attendees" a JOIN "bookings" b ON b."id" = a."booking_id"
      WHERE b."session_id" = s."id" AND b."status" = 'pending')
  FROM "course_sessions" s JOIN "ticket_types" t ON t."course_id" = s."course_id";--> statement-breakpoint
CREATE UNIQUE INDEX "seating_plans_venue_name_key" ON "seating_plans" USING btree ("venue_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "seats_plan_position_key" ON "seats" USING btree ("plan_id","section","row","number");--> statement-breakpoint
CREATE INDEX "seats_plan_order_idx" ON "seats" USING btree ("plan_id","sort_order");--> statement-breakpoint
CREATE INDEX "ticket_type_inventory_type_idx" ON "ticket_type_inventory" USING btree ("ticket_type_id");--> statement-breakpoint
CREATE INDEX "ticket_types_course_idx" ON "ticket_types" USING btree ("course_id","sort_order");--> statement-breakpoint
CREATE INDEX "ticket_types_session_idx" ON "ticket_types" USING btree ("session_id");--> statement-breakpoint
CREATE UNIQUE INDEX "session_seats_attendee_key" ON "session_seats" USING btree ("attendee_id");--> statement-breakpoint
CREATE INDEX "session_seats_booking_idx" ON "session_seats" USING btree ("booking_id");--> statement-breakpoint
ALTER TABLE "course_sessions" ADD CONSTRAINT "course_sessions_seating_plan_id_seating_plans_id_fk" FOREIGN KEY ("seating_plan_id") REFERENCES "public"."seating_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_attendees" ADD CONSTRAINT "booking_attendees_ticket_type_id_ticket_types_id_fk" FOREIGN KEY ("ticket_type_id") REFERENCES "public"."ticket_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_attendees" ADD CONSTRAINT "booking_attendees_seat_id_seats_id_fk" FOREIGN KEY ("seat_id") REFERENCES "public"."seats"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "booking_attendees_ticket_type_idx" ON "booking_attendees" USING btree ("ticket_type_id");--> statement-breakpoint
ALTER TABLE "booking_attendees" ADD CONSTRAINT "booking_attendees_amounts" CHECK ("booking_attendees"."unit_amount" >= 0 and ("booking_attendees"."deposit_amount" is null or "booking_attendees"."deposit_amount" between 0 and "booking_attendees"."unit_amount"));--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_total_matches_unit" CHECK ("bookings"."unit_amount" is null or "bookings"."total_amount" = "bookings"."unit_amount" * "bookings"."attendee_count");