"use client";
import { useState, useTransition } from "react";
import { ActionButton } from "@/components/admin/action-button";
import type { StaffAction } from "@/lib/auth/staff-action";

/** The staff actions on a staff member, passed in by the page. */
export type StaffUserActions = Record<"disableStaffUser" | "enableStaffUser" | "updateStaffUser", StaffAction<unknown>>;

type Role = "admin" | "finance" | "door";
const ROLE_LABEL: Record<Role, string> = { admin: "Admin", finance: "Finance", door: "Door" };

export function StaffUserRowActions({ id, email, role, name, disabled, self, actions: { disableStaffUser, enableStaffUser, updateStaffUser } }: {
  id: string; email: string; role: Role; name: string | null; disabled: boolean; self: boolean; actions: StaffUserActions;
}) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  // Choosing a role changes nothing until it is saved (changing it as the list moves would act on every arrow
  // key, WCAG 3.2.2); taking away one's own admin role is confirmed first, since it ends access to this page.
  const [saved, setSaved] = useState(role);
  const [chosen, setChosen] = useState(role);
  const save = () => {
    if (self && saved === "admin" && chosen !== "admin"
      && !window.confirm(`Change your own role to ${ROLE_LABEL[chosen]}? You lose access to staff management at once.`)) return;
    start(async () => {
      const result = await updateStaffUser({ id, name: name ?? "", role: chosen });
      setError(result.ok ? null : result.message);
      if (result.ok) setSaved(chosen);
    });
  };
  return (
    <div className="flex flex-wrap items-start gap-3">
      <label className="text-sm">
        <span className="sr-only">Role of {email}</span>
        <select value={chosen} disabled={pending} className="rounded-md border border-stone-400 bg-white px-2 py-2"
          onChange={(e) => setChosen(e.target.value as Role)}>
          <option value="admin">Admin</option>
          <option value="finance">Finance</option>
          <option value="door">Door</option>
        </select>
      </label>
      {chosen !== saved && (
        <button type="button" onClick={save} disabled={pending} className="rounded-md bg-brand-700 px-3 py-2 text-sm font-semibold text-white disabled:opacity-60">
          {pending ? "Saving…" : "Save role"}<span className="sr-only"> of {email}</span>
        </button>
      )}
      {!self && (disabled
        ? <ActionButton action={enableStaffUser} input={{ id }} busyLabel="Enabling…">Enable<span className="sr-only"> {email}</span></ActionButton>
        : <ActionButton action={disableStaffUser} input={{ id }} danger confirm={`Disable ${email}? They are signed out at once.`} busyLabel="Disabling…">Disable<span className="sr-only"> {email}</span></ActionButton>)}
      {error && <p role="alert" className="text-sm font-medium text-red-700">{error}</p>}
    </div>
  );
}
