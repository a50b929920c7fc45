CREATE TABLE "booking_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"booking_id" uuid NOT NULL,
	"action" text NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_email" text,
	"before" jsonb NOT NULL,
	"after" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "booking_changes_action_known" CHECK ("booking_changes"."action" in ('attendees_updated', 'attendees_added', 'moved')),
	CONSTRAINT "booking_changes_actor_known" CHECK ("booking_changes"."actor_kind" in ('booker', 'attendee', 'api', 'staff'))
);
--> statement-breakpoint
CREATE TABLE "customer_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_sessions_email_lowercase" CHECK ("customer_sessions"."email" = lower("customer_sessions"."email") and "customer_sessions"."email" like '%@%')
);
--> statement-breakpoint
CREATE TABLE "customer_sign_in_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_sign_in_tokens_email_lowercase" CHECK ("customer_sign_in_tokens"."email" = lower("customer_sign_in_tokens"."email") and "customer_sign_in_tokens"."email" like '%@%')
);
--> statement-breakpoint
ALTER TABLE "courses" ADD COLUMN "change_cutoff_hours" integer DEFAULT 48 NOT NULL;--> statement-breakpoint
ALTER TABLE "booking_changes" ADD CONSTRAINT "booking_changes_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "booking_changes_booking_idx" ON "booking_changes" USING btree ("booking_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "customer_sessions_hash_key" ON "customer_sessions" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "customer_sessions_expires_idx" ON "customer_sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "customer_sign_in_tokens_hash_key" ON "customer_sign_in_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "customer_sign_in_tokens_expires_idx" ON "customer_sign_in_tokens" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "booking_attendees_email_idx" ON "booking_attendees" USING btree (lower("email"));--> statement-breakpoint
ALTER TABLE "courses" ADD CONSTRAINT "courses_change_cutoff_range" CHECK ("courses"."change_cutoff_hours" between 0 and 8760);