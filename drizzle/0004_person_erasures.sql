CREATE TABLE "person_erasures" (
	"number" serial PRIMARY KEY NOT NULL,
	"email_hash" text NOT NULL,
	"reason" text NOT NULL,
	"erased_by" uuid,
	"erased_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed" jsonb NOT NULL,
	CONSTRAINT "person_erasures_reason_present" CHECK (length(trim("person_erasures"."reason")) > 0)
);
--> statement-breakpoint
ALTER TABLE "person_erasures" ADD CONSTRAINT "person_erasures_erased_by_users_id_fk" FOREIGN KEY ("erased_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "person_erasures_email_hash_idx" ON "person_erasures" USING btree ("email_hash");