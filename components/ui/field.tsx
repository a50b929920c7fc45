import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";

/** `attendees.0.firstName` → `attendees-0-firstName`: the id of the control for a form path. */
export const fieldId = (path: string) => path.replaceAll(".", "-");

type Common = { label: ReactNode; name: string; error?: string; hint?: string; optional?: boolean; className?: string };

function describedBy(id: string, hint?: string, error?: string) {
  return [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
}

function Label({ id, label, optional }: { id: string; label: ReactNode; optional?: boolean }) {
  return (
    <label htmlFor={id} className="block font-medium text-stone-900">
      {label}{optional && <span className="font-normal text-stone-600"> (optional)</span>}
    </label>
  );
}

function Messages({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  return (
    <>
      {hint && <p id={`${id}-hint`} className="text-sm text-stone-600">{hint}</p>}
      {error && <p id={`${id}-error`} className="whitespace-pre-line text-sm font-medium text-red-700">{error}</p>}
    </>
  );
}

const control = "mt-1 block w-full rounded-md border bg-white px-3 py-2.5 text-base shadow-sm";
const border = (error?: string) => (error ? "border-red-700 ring-1 ring-red-700" : "border-stone-400");

export function TextField({ label, name, error, hint, optional, className = "", ...input }: Common & InputHTMLAttributes<HTMLInputElement>) {
  const id = fieldId(name);
  return (
    <div className={`space-y-1 ${className}`}>
      <Label id={id} label={label} optional={optional} />
      <Messages id={id} hint={hint} error={error} />
      <input id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)}
        aria-required={optional ? undefined : true} className={`${control} ${border(error)}`} {...input} />
    </div>
  );
}

export function TextArea({ label, name, error, hint, optional, className = "", ...input }: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = fieldId(name);
  return (
    <div className={`space-y-1 ${className}`}>
      <Label id={id} label={label} optional={optional} />
      <Messages id={id} hint={hint} error={error} />
      <textarea id={id} name={name} rows={2} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)}
        className={`${control} ${border(error)}`} {...input} />
    </div>
  );
}

export function SelectField({ label, name, error, hint, optional, className = "", children, ...input }: Common & SelectHTMLAttributes<HTMLSelectElement>) {
  const id = fieldId(name);
  return (
    <div className={`space-y-1 ${className}`}>
      <Label id={id} label={label} optional={optional} />
      <Messages id={id} hint={hint} error={error} />
      <select id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)}
        className={`${control} ${border(error)}`} {...input}>{children}</select>
    </div>
  );
}
