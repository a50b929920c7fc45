CREATE TABLE "email_attachments" (
	"message_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "email_attachments_pkey" PRIMARY KEY("message_id","position"),
	CONSTRAINT "email_attachments_position_nonnegative" CHECK ("email_attachments"."position" >= 0),
	CONSTRAINT "email_attachments_content_within_limit" CHECK (octet_length("email_attachments"."content") <= 5242880)
);
--> statement-breakpoint
ALTER TABLE "email_attachments" ADD CONSTRAINT "email_attachments_message_id_email_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."email_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "email_attachments_created_idx" ON "email_attachments" USING btree ("created_at");