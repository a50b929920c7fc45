ALTER TYPE "public"."discount_source" ADD VALUE 'member';--> statement-breakpoint
ALTER TYPE "public"."discount_source" ADD VALUE 'points';--> statement-breakpoint
CREATE TABLE "member_presales" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"course_id" uuid,
	"ticket_type_id" uuid,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"levels" "member_level"[],
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "member_presales_one_target" CHECK (("member_presales"."course_id" is null) <> ("member_presales"."ticket_type_id" is null)),
	CONSTRAINT "member_presales_window" CHECK ("member_presales"."starts_at" < "member_presales"."ends_at"),
	CONSTRAINT "member_presales_levels_present" CHECK ("member_presales"."levels" is null or cardinality("member_presales"."levels") > 0)
);
--> statement-breakpoint
CREATE TABLE "member_prices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"course_id" uuid,
	"ticket_type_id" uuid,
	"level" "member_level" NOT NULL,
	"unit_amount" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "member_prices_one_target" CHECK (("member_prices"."course_id" is null) <> ("member_prices"."ticket_type_id" is null)),
	CONSTRAINT "member_prices_amount" CHECK ("member_prices"."unit_amount" >= 0)
);
--> statement-breakpoint
ALTER TABLE "member_presales" ADD CONSTRAINT "member_presales_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_presales" ADD CONSTRAINT "member_presales_ticket_type_id_ticket_types_id_fk" FOREIGN KEY ("ticket_type_id") REFERENCES "public"."ticket_types"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_prices" ADD CONSTRAINT "member_prices_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_prices" ADD CONSTRAINT "member_prices_ticket_type_id_ticket_types_id_fk" FOREIGN KEY ("ticket_type_id") REFERENCES "public"."ticket_types"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "member_presales_course_key" ON "member_presales" USING btree ("course_id") WHERE "member_presales"."course_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "member_presales_type_key" ON "member_presales" USING btree ("ticket_type_id") WHERE "member_presales"."ticket_type_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "member_prices_course_level_key" ON "member_prices" USING btree ("course_id","level") WHERE "member_prices"."course_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "member_prices_type_level_key" ON "member_prices" USING btree ("ticket_type_id","level") WHERE "member_prices"."ticket_type_id" is not null;