ALTER TYPE "public"."points_kind" ADD VALUE 'expire';--> statement-breakpoint
ALTER TABLE "points_ledger" DROP CONSTRAINT "points_ledger_non_zero";--> statement-breakpoint
ALTER TABLE "points_ledger" DROP CONSTRAINT "points_ledger_sign";--> statement-breakpoint
ALTER TABLE "points_ledger" ADD COLUMN "expires_ledger_id" uuid;--> statement-breakpoint
ALTER TABLE "points_ledger" ADD CONSTRAINT "points_ledger_expires_ledger_id_points_ledger_id_fk" FOREIGN KEY ("expires_ledger_id") REFERENCES "public"."points_ledger"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "points_ledger_expires_lot_key" ON "points_ledger" USING btree ("expires_ledger_id");--> statement-breakpoint
ALTER TABLE "points_ledger" ADD CONSTRAINT "points_ledger_expire_lot" CHECK (("points_ledger"."kind"::text = 'expire') = ("points_ledger"."expires_ledger_id" is not null));--> statement-breakpoint
ALTER TABLE "points_ledger" ADD CONSTRAINT "points_ledger_non_zero" CHECK ("points_ledger"."points" <> 0 or "points_ledger"."kind"::text = 'expire');--> statement-breakpoint
ALTER TABLE "points_ledger" ADD CONSTRAINT "points_ledger_sign" CHECK (("points_ledger"."kind" = 'earn' and "points_ledger"."points" > 0 and "points_ledger"."expires_at" is not null and "points_ledger"."payment_id" is not null)
    or ("points_ledger"."kind" = 'reverse' and "points_ledger"."points" < 0 and "points_ledger"."refund_id" is not null)
    or ("points_ledger"."kind" = 'redeem' and "points_ledger"."points" < 0)
    or "points_ledger"."kind" = 'adjust'
    or ("points_ledger"."kind"::text = 'expire' and "points_ledger"."points" <= 0));