// Input of the door's check-in endpoints (the page, its offline sync and the public API).
import { z } from "zod";
import { SCAN_RESULTS } from "@/lib/check-in/outcome";

const deviceId = z.string({ error: "deviceId is required" }).trim().min(1, "deviceId is required").max(60, "deviceId is at most 60 characters");
const clientId = z.string().trim().min(8, "clientId is at least 8 characters").max(80, "clientId is at most 80 characters");
const code = z.string().max(500, "The scanned code is too long");

/** POST /api/v1/check-ins */
export const apiCheckInSchema = z.object({
  secret: code.min(1, "secret is required"),
  sessionId: z.uuid("sessionId must be a session id"),
  deviceId,
  clientId: clientId.optional(),
});

/** The door page: a scanned code or a ticket chosen by name, checked in or out. */
export const doorScanSchema = z.object({
  sessionId: z.uuid("sessionId must be a session id"),
  deviceId,
  action: z.enum(["check_in", "check_out"]).default("check_in"),
  method: z.enum(["camera", "manual"]).default("camera"),
  code: code.optional(),
  ticketId: z.uuid("ticketId must be a ticket id").optional(),
  clientId: clientId.optional(),
  collectedBy: z.string().trim().max(120).optional(),
}).refine((v) => Boolean(v.code) !== Boolean(v.ticketId), { message: "Send either a scanned code or a ticket id", path: ["code"] });

export const doorUndoSchema = z.object({
  sessionId: z.uuid("sessionId must be a session id"),
  deviceId,
  checkInId: z.uuid("checkInId must be a check-in id"),
  clientId: clientId.optional(),
});

export const doorSyncSchema = z.object({
  sessionId: z.uuid("sessionId must be a session id"),
  deviceId,
  items: z.array(z.object({
    clientId,
    action: z.enum(["check_in", "check_out"]),
    code: code.optional(),
    ticketId: z.uuid().optional(),
    scannedAt: z.iso.datetime({ offset: true }).transform((s) => new Date(s)),
    collectedBy: z.string().trim().max(120).optional(),
    localResult: z.enum(SCAN_RESULTS).optional(),
  }).refine((v) => Boolean(v.code) !== Boolean(v.ticketId), { message: "Send either a scanned code or a ticket id", path: ["code"] }))
    .min(1, "Nothing to sync").max(500, "At most 500 scans at once"),
});
