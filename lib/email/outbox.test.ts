import { describe, expect, it } from "vitest";
import { OUTBOX_ATTACHMENT_MAX_BYTES } from "@/db/schema";
import { formatSize, outboxAttachmentEntries } from "./outbox";

const id = "7d4c8a52-3f0e-4a43-9a2c-1b6f2d9e0c11";
const pdf = { filename: "INV-2026-00001.pdf", contentType: "application/pdf", size: 48_213 };
const ics = { filename: "TRN-ABC123.ics", contentType: "text/calendar; charset=utf-8; method=REQUEST", size: 812 };

describe("the outbox's attachment entries", () => {
  it("link each kept attachment by its place in the message, with its media type and size", () => {
    expect(outboxAttachmentEntries({ id, transport: "outbox", attachments: [pdf, ics] }, new Set([0, 1]), 7)).toEqual([
      { position: 0, filename: "INV-2026-00001.pdf", type: "application/pdf", size: "48 KB", href: `/dev/outbox/${id}/attachments/0`, missing: null },
      { position: 1, filename: "TRN-ABC123.ics", type: "text/calendar", size: "812 B", href: `/dev/outbox/${id}/attachments/1`, missing: null },
    ]);
  });

  it("say why one is not kept: sent by SMTP, too large, or past the retention period", () => {
    const big = { ...pdf, size: OUTBOX_ATTACHMENT_MAX_BYTES + 1 };
    expect(outboxAttachmentEntries({ id, transport: "smtp", attachments: [pdf] }, undefined, 7).map((e) => [e.href, e.missing]))
      .toEqual([[null, "not kept: sent by SMTP"]]);
    expect(outboxAttachmentEntries({ id, transport: "outbox", attachments: [big, pdf] }, new Set(), 1).map((e) => e.missing))
      .toEqual(["not kept: larger than 5 MB", "deleted after 1 day"]);
    expect(outboxAttachmentEntries({ id, transport: "outbox", attachments: null }, undefined, 7)).toEqual([]);
  });

  it("sizes in bytes, kilobytes rounded up, megabytes to one decimal", () => {
    expect([0, 1023, 1024, 1025, 1024 * 1024, 1.25 * 1024 * 1024, 5 * 1024 * 1024].map(formatSize))
      .toEqual(["0 B", "1023 B", "1 KB", "2 KB", "1 MB", "1.3 MB", "5 MB"]);
  });
});
