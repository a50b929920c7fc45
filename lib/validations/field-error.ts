import { AppError } from "@/lib/errors";

/** A field error raised by a business rule (a taken slug, capacity below sold), shown beside its field. */
export function fieldError(path: string, message: string): AppError {
  return new AppError("invalid_request", { fields: { [path]: message } }, message);
}
