-- Types already on sale under one name in one scope keep selling: the later ones get " (2)", " (3)"… added.
UPDATE "ticket_types" t SET "name" = t."name" || ' (' || d.n || ')'
FROM (
  SELECT "id", row_number() OVER (
    PARTITION BY "course_id", coalesce("session_id", '00000000-0000-0000-0000-000000000000'::uuid), lower(trim("name"))
    ORDER BY "created_at", "id") AS n
  FROM "ticket_types" WHERE "retired_at" IS NULL
) d
WHERE d."id" = t."id" AND d.n > 1;--> statement-breakpoint
CREATE UNIQUE INDEX "ticket_types_name_per_scope" ON "ticket_types" USING btree ("course_id",coalesce("session_id", '00000000-0000-0000-0000-000000000000'::uuid),lower(trim("name"))) WHERE "ticket_types"."retired_at" is null;
