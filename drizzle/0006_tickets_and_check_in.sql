CREATE TYPE "public"."scan_action" AS ENUM('check_in', 'check_out', 'undo');--> statement-breakpoint
CREATE TYPE "public"."scan_method" AS ENUM('camera', 'manual', 'api', 'offline');--> statement-breakpoint
CREATE TYPE "public"."scan_result" AS ENUM('checked_in', 'already_checked_in', 'unknown', 'malformed', 'revoked', 'refunded', 'cancelled', 'wrong_session', 'checked_out', 'not_checked_in', 'already_checked_out', 'check_out_not_offered', 'undone');--> statement-breakpoint
CREATE TYPE "public"."ticket_void_reason" AS ENUM('refunded', 'cancelled');--> statement-breakpoint
ALTER TYPE "public"."staff_role" ADD VALUE 'door';--> statement-breakpoint
CREATE TABLE "check_ins" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ticket_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"device_id" text NOT NULL,
	"staff_user_id" uuid,
	"checked_in_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"undone_at" timestamp with time zone,
	"undone_by" uuid,
	"checked_out_at" timestamp with time zone,
	"checked_out_by" uuid,
	"checked_out_device_id" text,
	"collected_by" text,
	CONSTRAINT "check_ins_device_present" CHECK (length("check_ins"."device_id") between 1 and 60),
	CONSTRAINT "check_ins_checked_out_after_in" CHECK ("check_ins"."checked_out_at" is null or "check_ins"."checked_out_at" >= "check_ins"."checked_in_at")
);
--> statement-breakpoint
CREATE TABLE "ticket_revoked_secrets" (
	"secret_hash" text PRIMARY KEY NOT NULL,
	"ticket_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"revoked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_by" uuid
);
--> statement-breakpoint
CREATE TABLE "ticket_scans" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"client_id" text,
	"session_id" uuid NOT NULL,
	"ticket_id" uuid,
	"check_in_id" uuid,
	"device_id" text NOT NULL,
	"staff_user_id" uuid,
	"action" "scan_action" NOT NULL,
	"method" "scan_method" NOT NULL,
	"result" "scan_result" NOT NULL,
	"scanned_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tickets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"booking_id" uuid NOT NULL,
	"attendee_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"secret_hash" text NOT NULL,
	"voided_at" timestamp with time zone,
	"void_reason" "ticket_void_reason",
	"reissued_at" timestamp with time zone,
	"reissued_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tickets_version_positive" CHECK ("tickets"."version" >= 1),
	CONSTRAINT "tickets_void_pair" CHECK (("tickets"."voided_at" is null) = ("tickets"."void_reason" is null)),
	CONSTRAINT "tickets_secret_hash_hex" CHECK ("tickets"."secret_hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
ALTER TABLE "course_sessions" ADD COLUMN "check_out_required" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_session_id_course_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."course_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_staff_user_id_users_id_fk" FOREIGN KEY ("staff_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_undone_by_users_id_fk" FOREIGN KEY ("undone_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_checked_out_by_users_id_fk" FOREIGN KEY ("checked_out_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_revoked_secrets" ADD CONSTRAINT "ticket_revoked_secrets_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_revoked_secrets" ADD CONSTRAINT "ticket_revoked_secrets_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_scans" ADD CONSTRAINT "ticket_scans_session_id_course_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."course_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_scans" ADD CONSTRAINT "ticket_scans_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_scans" ADD CONSTRAINT "ticket_scans_check_in_id_check_ins_id_fk" FOREIGN KEY ("check_in_id") REFERENCES "public"."check_ins"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_scans" ADD CONSTRAINT "ticket_scans_staff_user_id_users_id_fk" FOREIGN KEY ("staff_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_attendee_id_booking_attendees_id_fk" FOREIGN KEY ("attendee_id") REFERENCES "public"."booking_attendees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_session_id_course_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."course_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_reissued_by_users_id_fk" FOREIGN KEY ("reissued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "check_ins_one_active_per_ticket" ON "check_ins" USING btree ("ticket_id") WHERE "check_ins"."undone_at" is null;--> statement-breakpoint
CREATE INDEX "check_ins_session_idx" ON "check_ins" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "ticket_revoked_secrets_ticket_idx" ON "ticket_revoked_secrets" USING btree ("ticket_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ticket_scans_client_key" ON "ticket_scans" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "ticket_scans_session_idx" ON "ticket_scans" USING btree ("session_id","recorded_at");--> statement-breakpoint
CREATE INDEX "ticket_scans_ticket_idx" ON "ticket_scans" USING btree ("ticket_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tickets_attendee_key" ON "tickets" USING btree ("attendee_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tickets_secret_hash_key" ON "tickets" USING btree ("secret_hash");--> statement-breakpoint
CREATE INDEX "tickets_session_idx" ON "tickets" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "tickets_booking_idx" ON "tickets" USING btree ("booking_id");