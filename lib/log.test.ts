import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, logBookingReference, withLogContext } from "./log";
import { requestIdFrom } from "./http/request-id";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, logger: createLogger(stream, "info") };
}

describe("log", () => {
  it("writes JSON lines with the request id and booking reference of the current request", async () => {
    const { lines, logger } = capture();
    await withLogContext({ requestId: "req-12345678" }, async () => {
      logger.info("first");
      await new Promise((r) => setImmediate(r));
      logBookingReference("TRN-AB12-CD34");
      logger.info({ status: 201 }, "second");
    });
    logger.info("outside");
    expect(lines[0]).toMatchObject({ level: "info", msg: "first", requestId: "req-12345678" });
    expect(lines[0]).not.toHaveProperty("bookingReference");
    expect(lines[1]).toMatchObject({ msg: "second", status: 201, requestId: "req-12345678", bookingReference: "TRN-AB12-CD34" });
    expect(lines[2]).not.toHaveProperty("requestId");
  });

  it("keeps concurrent requests apart", async () => {
    const { lines, logger } = capture();
    await Promise.all(["req-aaaaaaaa", "req-bbbbbbbb"].map((id) =>
      withLogContext({ requestId: id }, async () => {
        await new Promise((r) => setImmediate(r));
        logger.info({ id }, "line");
      })));
    for (const line of lines) expect(line.requestId).toBe(line.id);
  });

  it("redacts personal and health data at the top level and one level down", () => {
    const { lines, logger } = capture();
    logger.info({
      email: "ann@example.com", contactName: "Ann Smith", contactPhone: "+44 7700 900123",
      booking: { contactEmail: "ann@example.com", firstName: "Ann", lastName: "Smith", reference: "TRN-AB12-CD34" },
      requirement: { details: "severe peanut allergy", priority: "critical" }, needs: ["epipen"],
    }, "booking made");
    const text = JSON.stringify(lines[0]);
    for (const secret of ["ann@example.com", "Ann", "Smith", "7700", "peanut", "epipen"]) expect(text).not.toContain(secret);
    expect(lines[0]).toMatchObject({ booking: { reference: "TRN-AB12-CD34", contactEmail: "[redacted]" }, requirement: { priority: "critical" } });
  });

  it("honours the level", () => {
    const lines: string[] = [];
    const logger = createLogger(new Writable({ write(c, _e, done) { lines.push(String(c)); done(); } }), "warn");
    logger.info("quiet");
    logger.warn("loud");
    expect(lines).toHaveLength(1);
  });
});

describe("requestIdFrom", () => {
  it("keeps a sensible caller id and replaces anything else", () => {
    expect(requestIdFrom("abc-123-def-456")).toBe("abc-123-def-456");
    expect(requestIdFrom("bad id with spaces")).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFrom("x".repeat(500))).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFrom(null)).toMatch(/^[0-9a-f-]{36}$/);
  });
});
