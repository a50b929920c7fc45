// Request bodies read with a cap: a declared Content-Length over the cap is refused before reading, and a
// body without one (chunked) is counted while it streams and dropped the moment it passes the cap. Every
// route that reads a body goes through here, so none can be made to buffer an unbounded upload.
import type { IncomingMessage } from "node:http";
import { AppError } from "@/lib/errors";

/** JSON API bodies: well above the largest valid booking (12 attendees with 20 described needs each). */
export const JSON_BODY_LIMIT = 512 * 1024;
/** Stripe's events are a few kilobytes; a megabyte leaves room for the largest. */
export const WEBHOOK_BODY_LIMIT = 1024 * 1024;
/** A sign-in form: an email address and a few tokens. */
export const FORM_BODY_LIMIT = 16 * 1024;
/** CSV uploads (imports): a few thousand rows. */
export const CSV_BODY_LIMIT = 5 * 1024 * 1024;

function tooLarge(limit: number) {
  return new AppError("payload_too_large", { limitBytes: limit }, `The request body is too large (at most ${formatBytes(limit)}).`);
}

/** A Content-Length header saying the body is over `limit` bytes. */
function declaresOver(declared: string | null | undefined, limit: number) {
  return declared != null && /^\d+$/.test(declared.trim()) && Number(declared) > limit;
}

function formatBytes(n: number) {
  return n >= 1024 * 1024 ? `${n / (1024 * 1024)} MB` : `${Math.round(n / 1024)} KB`;
}

/** The body's bytes, at most `limit` of them; AppError("payload_too_large") beyond. */
export async function readBodyBytes(req: Request, limit: number): Promise<Uint8Array> {
  if (declaresOver(req.headers.get("content-length"), limit)) throw tooLarge(limit);
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      // Not awaited: cancelling one branch of a cloned (teed) body settles only once the other is cancelled too.
      reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** The body as UTF-8 text (400 when it is not UTF-8), at most `limit` bytes. */
export async function readBodyText(req: Request, limit: number): Promise<string> {
  return utf8(await readBodyBytes(req, limit));
}

/**
 * The same for a request the Node server answers itself (lib/http/webhook-fast-path.ts). Past the limit the
 * rest of the body is read and dropped, not kept, so that the answer can still be sent on the connection.
 */
export function readIncomingText(req: IncomingMessage, limit: number): Promise<string> {
  if (declaresOver(req.headers["content-length"], limit)) {
    req.resume();
    return Promise.reject(tooLarge(limit));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off("data", onData).resume();
      reject(tooLarge(limit));
    };
    req.on("data", onData);
    req.once("error", reject);
    req.once("end", () => {
      if (size > limit) return;
      try {
        resolve(utf8(Buffer.concat(chunks, size)));
      } catch (err) {
        reject(err);
      }
    });
    // The client went away before the end (after "end" this settles nothing: the promise is settled).
    req.once("close", () => reject(new Error("the request body ended early")));
  });
}

function utf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("invalid_request", { fields: { _root: "The body must be UTF-8 text" } }, "The body must be UTF-8 text.");
  }
}

function isJsonType(contentType: string | null) {
  const type = contentType?.split(";")[0].trim().toLowerCase() ?? "";
  return type === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

/** A JSON body: Content-Type application/json, at most `limit` bytes, valid JSON. */
export async function readJsonBody(req: Request, limit = JSON_BODY_LIMIT): Promise<unknown> {
  if (!isJsonType(req.headers.get("content-type")))
    throw new AppError("invalid_request", { fields: { "Content-Type": "Send the body as application/json" } }, "The body must be JSON (Content-Type: application/json).");
  const text = await readBodyText(req, limit);
  if (text.trim() === "") throw new AppError("invalid_request", { fields: { _root: "The body is empty: send a JSON object" } }, "The body must be valid JSON.");
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("invalid_request", { fields: { _root: "The body must be valid JSON" } }, "The body must be valid JSON.");
  }
}
