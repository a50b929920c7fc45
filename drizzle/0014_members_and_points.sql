CREATE TYPE "public"."member_level" AS ENUM('silver', 'gold', 'platinum');--> statement-breakpoint
CREATE TYPE "public"."points_kind" AS ENUM('earn', 'reverse', 'redeem', 'adjust');--> statement-breakpoint
CREATE TABLE "members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text,
	"level" "member_level" NOT NULL,
	"member_number" text NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_until" timestamp with time zone,
	"notifications_opted_out_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "members_validity" CHECK ("members"."valid_until" is null or "members"."valid_from" < "members"."valid_until"),
	CONSTRAINT "members_number_shape" CHECK ("members"."member_number" ~ '^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$')
);
--> statement-breakpoint
CREATE TABLE "membership_levels" (
	"level" "member_level" PRIMARY KEY NOT NULL,
	"points_per_unit" integer NOT NULL,
	"points_valid_days" integer DEFAULT 365 NOT NULL,
	CONSTRAINT "membership_levels_rate" CHECK ("membership_levels"."points_per_unit" between 0 and 1000),
	CONSTRAINT "membership_levels_valid_days" CHECK ("membership_levels"."points_valid_days" between 1 and 3650)
);
--> statement-breakpoint
CREATE TABLE "points_ledger" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"booking_id" uuid,
	"payment_id" uuid,
	"refund_id" uuid,
	"kind" "points_kind" NOT NULL,
	"points" integer NOT NULL,
	"expires_at" timestamp with time zone,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "points_ledger_non_zero" CHECK ("points_ledger"."points" <> 0),
	CONSTRAINT "points_ledger_sign" CHECK (("points_ledger"."kind" = 'earn' and "points_ledger"."points" > 0 and "points_ledger"."expires_at" is not null and "points_ledger"."payment_id" is not null)
    or ("points_ledger"."kind" = 'reverse' and "points_ledger"."points" < 0 and "points_ledger"."refund_id" is not null)
    or ("points_ledger"."kind" = 'redeem' and "points_ledger"."points" < 0)
    or "points_ledger"."kind" = 'adjust')
);
--> statement-breakpoint
ALTER TABLE "points_ledger" ADD CONSTRAINT "points_ledger_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_ledger" ADD CONSTRAINT "points_ledger_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_ledger" ADD CONSTRAINT "points_ledger_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_ledger" ADD CONSTRAINT "points_ledger_refund_id_refunds_id_fk" FOREIGN KEY ("refund_id") REFERENCES "public"."refunds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "members_email_key" ON "members" USING btree (lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "members_number_key" ON "members" USING btree ("member_number");--> statement-breakpoint
CREATE INDEX "points_ledger_member_idx" ON "points_ledger" USING btree ("member_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "points_ledger_earn_payment_key" ON "points_ledger" USING btree ("payment_id") WHERE "points_ledger"."kind" = 'earn';--> statement-breakpoint
CREATE UNIQUE INDEX "points_ledger_reverse_refund_key" ON "points_ledger" USING btree ("refund_id") WHERE "points_ledger"."kind" = 'reverse';--> statement-breakpoint
INSERT INTO "membership_levels" ("level", "points_per_unit", "points_valid_days") VALUES ('silver', 1, 365), ('gold', 2, 365), ('platinum', 3, 365);
