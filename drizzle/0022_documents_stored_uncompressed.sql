-- PDFs and the outbox's copies of attachments are stored out of line without PostgreSQL's compression. A PDF's
-- streams are compressed already: pglz went through each one only to keep it as it was, about two thirds of
-- PostgreSQL's time for storing a confirmation's documents (EXTERNAL: out of line, never compressed). Applies to
-- values written from now on; the ones stored before stay readable as they are.
ALTER TABLE "invoices" ALTER COLUMN "pdf" SET STORAGE EXTERNAL;--> statement-breakpoint
ALTER TABLE "credit_notes" ALTER COLUMN "pdf" SET STORAGE EXTERNAL;--> statement-breakpoint
ALTER TABLE "email_attachments" ALTER COLUMN "content" SET STORAGE EXTERNAL;
