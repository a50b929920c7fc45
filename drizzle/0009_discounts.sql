CREATE TYPE "public"."discount_kind" AS ENUM('percent', 'fixed');--> statement-breakpoint
CREATE TYPE "public"."discount_per" AS ENUM('attendee', 'booking');--> statement-breakpoint
CREATE TYPE "public"."discount_rule_kind" AS ENUM('group', 'early_bird');--> statement-breakpoint
CREATE TYPE "public"."discount_source" AS ENUM('code', 'group', 'early_bird');--> statement-breakpoint
CREATE TABLE "booking_discount_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"booking_id" uuid NOT NULL,
	"attendee_id" uuid NOT NULL,
	"source" "discount_source" NOT NULL,
	"label" text NOT NULL,
	"amount" integer NOT NULL,
	"discount_code_id" uuid,
	"discount_rule_id" uuid,
	CONSTRAINT "booking_discount_lines_amount_positive" CHECK ("booking_discount_lines"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "discount_code_targets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code_id" uuid NOT NULL,
	"course_id" uuid,
	"ticket_type_id" uuid,
	CONSTRAINT "discount_code_targets_one" CHECK (("discount_code_targets"."course_id" is null) <> ("discount_code_targets"."ticket_type_id" is null))
);
--> statement-breakpoint
CREATE TABLE "discount_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"description" text,
	"kind" "discount_kind" NOT NULL,
	"value" integer NOT NULL,
	"per" "discount_per" DEFAULT 'booking' NOT NULL,
	"currency" text,
	"valid_from" timestamp with time zone,
	"valid_until" timestamp with time zone,
	"max_uses" integer,
	"uses_count" integer DEFAULT 0 NOT NULL,
	"max_uses_per_email" integer,
	"min_attendees" integer DEFAULT 1 NOT NULL,
	"reveals_hidden_ticket_types" boolean DEFAULT false NOT NULL,
	"batch" text,
	"archived_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "discount_codes_code_shape" CHECK ("discount_codes"."code" ~ '^[A-Z0-9][A-Z0-9_-]{2,39}$'),
	CONSTRAINT "discount_codes_value" CHECK (("discount_codes"."kind" = 'percent' and "discount_codes"."value" between 1 and 10000) or
    ("discount_codes"."kind" = 'fixed' and "discount_codes"."value" > 0 and "discount_codes"."currency" is not null)),
	CONSTRAINT "discount_codes_currency_iso" CHECK ("discount_codes"."currency" is null or "discount_codes"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "discount_codes_window" CHECK ("discount_codes"."valid_from" is null or "discount_codes"."valid_until" is null or "discount_codes"."valid_from" < "discount_codes"."valid_until"),
	CONSTRAINT "discount_codes_uses_within_max" CHECK ("discount_codes"."uses_count" >= 0 and ("discount_codes"."max_uses" is null or "discount_codes"."uses_count" <= "discount_codes"."max_uses")),
	CONSTRAINT "discount_codes_max_uses_positive" CHECK (("discount_codes"."max_uses" is null or "discount_codes"."max_uses" > 0) and ("discount_codes"."max_uses_per_email" is null or "discount_codes"."max_uses_per_email" > 0)),
	CONSTRAINT "discount_codes_min_attendees_range" CHECK ("discount_codes"."min_attendees" between 1 and 12)
);
--> statement-breakpoint
CREATE TABLE "discount_redemptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code_id" uuid NOT NULL,
	"booking_id" uuid NOT NULL,
	"email" text NOT NULL,
	"amount" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "discount_redemptions_amount" CHECK ("discount_redemptions"."amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "discount_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rule_kind" "discount_rule_kind" NOT NULL,
	"name" text NOT NULL,
	"course_id" uuid,
	"kind" "discount_kind" NOT NULL,
	"value" integer NOT NULL,
	"per" "discount_per" DEFAULT 'booking' NOT NULL,
	"currency" text,
	"min_attendees" integer DEFAULT 1 NOT NULL,
	"valid_from" timestamp with time zone,
	"valid_until" timestamp with time zone,
	"first_places" integer,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "discount_rules_value" CHECK (("discount_rules"."kind" = 'percent' and "discount_rules"."value" between 1 and 10000) or
    ("discount_rules"."kind" = 'fixed' and "discount_rules"."value" > 0 and "discount_rules"."currency" is not null)),
	CONSTRAINT "discount_rules_min_attendees_range" CHECK ("discount_rules"."min_attendees" between 1 and 12),
	CONSTRAINT "discount_rules_first_places_positive" CHECK ("discount_rules"."first_places" is null or "discount_rules"."first_places" > 0),
	CONSTRAINT "discount_rules_early_bird_limit" CHECK ("discount_rules"."rule_kind" <> 'early_bird' or "discount_rules"."valid_until" is not null or "discount_rules"."first_places" is not null),
	CONSTRAINT "discount_rules_name_present" CHECK (length(trim("discount_rules"."name")) > 0)
);
--> statement-breakpoint
ALTER TABLE "booking_attendees" ADD COLUMN "discount_amount" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "booking_attendees" ADD COLUMN "list_amount" integer GENERATED ALWAYS AS (unit_amount + discount_amount) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "booking_discount_lines" ADD CONSTRAINT "booking_discount_lines_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_discount_lines" ADD CONSTRAINT "booking_discount_lines_attendee_id_booking_attendees_id_fk" FOREIGN KEY ("attendee_id") REFERENCES "public"."booking_attendees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_discount_lines" ADD CONSTRAINT "booking_discount_lines_discount_code_id_discount_codes_id_fk" FOREIGN KEY ("discount_code_id") REFERENCES "public"."discount_codes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_discount_lines" ADD CONSTRAINT "booking_discount_lines_discount_rule_id_discount_rules_id_fk" FOREIGN KEY ("discount_rule_id") REFERENCES "public"."discount_rules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discount_code_targets" ADD CONSTRAINT "discount_code_targets_code_id_discount_codes_id_fk" FOREIGN KEY ("code_id") REFERENCES "public"."discount_codes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discount_code_targets" ADD CONSTRAINT "discount_code_targets_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discount_code_targets" ADD CONSTRAINT "discount_code_targets_ticket_type_id_ticket_types_id_fk" FOREIGN KEY ("ticket_type_id") REFERENCES "public"."ticket_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discount_codes" ADD CONSTRAINT "discount_codes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discount_redemptions" ADD CONSTRAINT "discount_redemptions_code_id_discount_codes_id_fk" FOREIGN KEY ("code_id") REFERENCES "public"."discount_codes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discount_redemptions" ADD CONSTRAINT "discount_redemptions_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discount_rules" ADD CONSTRAINT "discount_rules_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "booking_discount_lines_booking_idx" ON "booking_discount_lines" USING btree ("booking_id");--> statement-breakpoint
CREATE INDEX "booking_discount_lines_attendee_idx" ON "booking_discount_lines" USING btree ("attendee_id");--> statement-breakpoint
CREATE INDEX "discount_code_targets_code_idx" ON "discount_code_targets" USING btree ("code_id");--> statement-breakpoint
CREATE UNIQUE INDEX "discount_codes_code_key" ON "discount_codes" USING btree ("code");--> statement-breakpoint
CREATE INDEX "discount_codes_batch_idx" ON "discount_codes" USING btree ("batch");--> statement-breakpoint
CREATE UNIQUE INDEX "discount_redemptions_booking_key" ON "discount_redemptions" USING btree ("booking_id");--> statement-breakpoint
CREATE INDEX "discount_redemptions_code_email_idx" ON "discount_redemptions" USING btree ("code_id","email");--> statement-breakpoint
CREATE INDEX "discount_rules_course_idx" ON "discount_rules" USING btree ("course_id");--> statement-breakpoint
ALTER TABLE "booking_attendees" ADD CONSTRAINT "booking_attendees_discount_nonnegative" CHECK ("booking_attendees"."discount_amount" >= 0);