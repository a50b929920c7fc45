CREATE TYPE "public"."course_kind" AS ENUM('sessions', 'time_slots');--> statement-breakpoint
CREATE TYPE "public"."question_kind" AS ENUM('short_text', 'long_text', 'number', 'date', 'single_choice', 'multiple_choice', 'yes_no', 'date_of_birth');--> statement-breakpoint
CREATE TYPE "public"."question_scope" AS ENUM('per_attendee', 'per_booking');--> statement-breakpoint
CREATE TABLE "offering_slots" (
	"course_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"capacity" integer NOT NULL,
	"places_booked" integer DEFAULT 0 NOT NULL,
	"places_held" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "offering_slots_pkey" PRIMARY KEY("course_id","starts_at"),
	CONSTRAINT "offering_slots_places_nonnegative" CHECK ("offering_slots"."places_booked" >= 0 and "offering_slots"."places_held" >= 0),
	CONSTRAINT "offering_slots_within_capacity" CHECK ("offering_slots"."places_booked" + "offering_slots"."places_held" <= "offering_slots"."capacity")
);
--> statement-breakpoint
CREATE TABLE "peak_windows" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"course_id" uuid NOT NULL,
	"weekdays" integer[] NOT NULL,
	"starts_at_minute" integer NOT NULL,
	"ends_at_minute" integer NOT NULL,
	CONSTRAINT "peak_windows_weekdays_known" CHECK (cardinality("peak_windows"."weekdays") > 0 and "peak_windows"."weekdays" <@ array[1,2,3,4,5,6,7]),
	CONSTRAINT "peak_windows_times" CHECK ("peak_windows"."starts_at_minute" >= 0 and "peak_windows"."ends_at_minute" <= 1440 and "peak_windows"."starts_at_minute" < "peak_windows"."ends_at_minute")
);
--> statement-breakpoint
CREATE TABLE "slot_offerings" (
	"course_id" uuid PRIMARY KEY NOT NULL,
	"venue_id" uuid NOT NULL,
	"slot_minutes" integer NOT NULL,
	"capacity_per_slot" integer NOT NULL,
	"standard_rate_amount" integer NOT NULL,
	"peak_rate_amount" integer NOT NULL,
	"min_span_minutes" integer NOT NULL,
	"max_span_minutes" integer NOT NULL,
	"book_ahead_days" integer NOT NULL,
	"latest_minutes_before_start" integer DEFAULT 0 NOT NULL,
	"min_age_years" integer,
	"max_age_years" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "slot_offerings_slot_minutes_range" CHECK ("slot_offerings"."slot_minutes" between 5 and 720 and 1440 % "slot_offerings"."slot_minutes" = 0),
	CONSTRAINT "slot_offerings_capacity_positive" CHECK ("slot_offerings"."capacity_per_slot" between 1 and 10000),
	CONSTRAINT "slot_offerings_rates_nonnegative" CHECK ("slot_offerings"."standard_rate_amount" >= 0 and "slot_offerings"."peak_rate_amount" >= 0),
	CONSTRAINT "slot_offerings_span_range" CHECK ("slot_offerings"."min_span_minutes" >= "slot_offerings"."slot_minutes" and "slot_offerings"."max_span_minutes" >= "slot_offerings"."min_span_minutes"
    and "slot_offerings"."min_span_minutes" % "slot_offerings"."slot_minutes" = 0 and "slot_offerings"."max_span_minutes" % "slot_offerings"."slot_minutes" = 0),
	CONSTRAINT "slot_offerings_book_ahead_range" CHECK ("slot_offerings"."book_ahead_days" between 0 and 730),
	CONSTRAINT "slot_offerings_latest_nonnegative" CHECK ("slot_offerings"."latest_minutes_before_start" >= 0),
	CONSTRAINT "slot_offerings_age_range" CHECK (("slot_offerings"."min_age_years" is null or "slot_offerings"."min_age_years" >= 0) and ("slot_offerings"."max_age_years" is null or "slot_offerings"."max_age_years" >= 0)
    and ("slot_offerings"."min_age_years" is null or "slot_offerings"."max_age_years" is null or "slot_offerings"."min_age_years" <= "slot_offerings"."max_age_years"))
);
--> statement-breakpoint
CREATE TABLE "venue_closures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"venue_id" uuid NOT NULL,
	"local_date" date NOT NULL,
	"opens_at_minute" integer,
	"closes_at_minute" integer,
	"reason" text NOT NULL,
	CONSTRAINT "venue_closures_shortened_times" CHECK (("venue_closures"."opens_at_minute" is null and "venue_closures"."closes_at_minute" is null)
    or ("venue_closures"."opens_at_minute" >= 0 and "venue_closures"."closes_at_minute" <= 1440 and "venue_closures"."opens_at_minute" < "venue_closures"."closes_at_minute")),
	CONSTRAINT "venue_closures_reason_present" CHECK (length(trim("venue_closures"."reason")) > 0)
);
--> statement-breakpoint
CREATE TABLE "venue_opening_hours" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"venue_id" uuid NOT NULL,
	"weekday" integer NOT NULL,
	"opens_at_minute" integer NOT NULL,
	"closes_at_minute" integer NOT NULL,
	CONSTRAINT "venue_opening_hours_weekday_range" CHECK ("venue_opening_hours"."weekday" between 1 and 7),
	CONSTRAINT "venue_opening_hours_times" CHECK ("venue_opening_hours"."opens_at_minute" >= 0 and "venue_opening_hours"."closes_at_minute" <= 1440 and "venue_opening_hours"."opens_at_minute" < "venue_opening_hours"."closes_at_minute")
);
--> statement-breakpoint
CREATE TABLE "booking_answers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"booking_id" uuid NOT NULL,
	"attendee_id" uuid,
	"question_id" uuid NOT NULL,
	"label" text NOT NULL,
	"sensitive" boolean NOT NULL,
	"value" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "booking_answers_one_per_question_key" UNIQUE NULLS NOT DISTINCT("booking_id","attendee_id","question_id")
);
--> statement-breakpoint
CREATE TABLE "course_questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"course_id" uuid NOT NULL,
	"kind" "question_kind" NOT NULL,
	"scope" "question_scope" NOT NULL,
	"label" text NOT NULL,
	"help" text,
	"required" boolean DEFAULT false NOT NULL,
	"sensitive" boolean DEFAULT false NOT NULL,
	"options" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "course_questions_label_present" CHECK (length(trim("course_questions"."label")) > 0),
	CONSTRAINT "course_questions_choices_have_options" CHECK ("course_questions"."kind" not in ('single_choice', 'multiple_choice') or jsonb_array_length("course_questions"."options") >= 2)
);
--> statement-breakpoint
ALTER TABLE "course_sessions" ADD COLUMN "slot_date" date;--> statement-breakpoint
ALTER TABLE "courses" ADD COLUMN "kind" "course_kind" DEFAULT 'sessions' NOT NULL;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "span_starts_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "span_ends_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "span_price" jsonb;--> statement-breakpoint
ALTER TABLE "offering_slots" ADD CONSTRAINT "offering_slots_course_id_slot_offerings_course_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."slot_offerings"("course_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peak_windows" ADD CONSTRAINT "peak_windows_course_id_slot_offerings_course_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."slot_offerings"("course_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slot_offerings" ADD CONSTRAINT "slot_offerings_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slot_offerings" ADD CONSTRAINT "slot_offerings_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "venue_closures" ADD CONSTRAINT "venue_closures_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "venue_opening_hours" ADD CONSTRAINT "venue_opening_hours_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_answers" ADD CONSTRAINT "booking_answers_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_answers" ADD CONSTRAINT "booking_answers_attendee_id_booking_attendees_id_fk" FOREIGN KEY ("attendee_id") REFERENCES "public"."booking_attendees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_answers" ADD CONSTRAINT "booking_answers_question_id_course_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."course_questions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_questions" ADD CONSTRAINT "course_questions_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "peak_windows_course_idx" ON "peak_windows" USING btree ("course_id");--> statement-breakpoint
CREATE INDEX "slot_offerings_venue_idx" ON "slot_offerings" USING btree ("venue_id");--> statement-breakpoint
CREATE UNIQUE INDEX "venue_closures_venue_date_key" ON "venue_closures" USING btree ("venue_id","local_date");--> statement-breakpoint
CREATE INDEX "venue_opening_hours_venue_idx" ON "venue_opening_hours" USING btree ("venue_id","weekday");--> statement-breakpoint
CREATE INDEX "booking_answers_question_idx" ON "booking_answers" USING btree ("question_id");--> statement-breakpoint
CREATE INDEX "course_questions_course_idx" ON "course_questions" USING btree ("course_id","sort_order");--> statement-breakpoint
CREATE UNIQUE INDEX "course_sessions_slot_day_key" ON "course_sessions" USING btree ("course_id","slot_date") WHERE "course_sessions"."slot_date" is not null;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_span_complete" CHECK (("bookings"."span_starts_at" is null) = ("bookings"."span_ends_at" is null)
    and ("bookings"."span_starts_at" is null) = ("bookings"."span_price" is null) and ("bookings"."span_ends_at" is null or "bookings"."span_ends_at" > "bookings"."span_starts_at"));