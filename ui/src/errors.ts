// The one error shape the UI handles: the core's `AppError`, whatever actually went wrong.
import type { AppError } from "./bindings/AppError";
import type { ErrorCode } from "./bindings/ErrorCode";

const CODES: ReadonlySet<string> = new Set<ErrorCode>([
  "offline",
  "signed_out",
  "bad_credentials",
  "forbidden",
  "not_found",
  "invalid_input",
  "conflict",
  "rate_limited",
  "platform",
  "keyring",
  "database",
  "internal",
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function isFieldError(value: unknown): boolean {
  return isRecord(value) && typeof value.field === "string" && typeof value.message === "string";
}

/** Whether `value` has the `{code, message, fields}` shape the commands reject with. */
export function isAppError(value: unknown): value is AppError {
  if (!isRecord(value)) {
    return false;
  }
  const { code, message, fields } = value;
  return (
    typeof code === "string" &&
    CODES.has(code) &&
    typeof message === "string" &&
    Array.isArray(fields) &&
    fields.every(isFieldError)
  );
}

/** Any thrown or rejected value as an `AppError`; foreign values become `internal`. */
export function toAppError(value: unknown): AppError {
  if (isAppError(value)) {
    return value;
  }
  const message = value instanceof Error ? value.message : String(value);
  return { code: "internal", message, fields: [] };
}

/** Field key → message, for showing each under its input. */
export type FieldErrors = Readonly<Record<string, string>>;

export function fieldErrors(error: AppError | null): FieldErrors {
  const out: Record<string, string> = {};
  for (const { field, message } of error?.fields ?? []) {
    out[field] ??= message;
  }
  return out;
}

/** The error in words for a person, with what to do when the code says more than the text. */
export function describeError(error: AppError): string {
  const message = error.message.trim() || "Something went wrong.";
  if (error.code === "offline") {
    return `${message} This needs the platform; try again once it can be reached.`;
  }
  if (error.code === "rate_limited") {
    return `${message} Wait a moment, then try again.`;
  }
  return message;
}

/** The message of a form-level alert: nothing when every problem is shown under a field. */
export function formAlert(error: AppError | null, shownFields: readonly string[]): string | null {
  if (error === null) {
    return null;
  }
  const unshown = error.fields.filter((f) => !shownFields.includes(f.field));
  if (error.fields.length > 0 && unshown.length === 0) {
    return null;
  }
  return describeError(error);
}
