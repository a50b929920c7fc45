"use client";
import { useState, useTransition } from "react";
import { ActionButton } from "@/components/admin/action-button";
import type { StaffAction } from "@/lib/auth/staff-action";

/** The staff actions on a staff member, passed in by the page. */
export type StaffUserActions = Record<"disableStaffUser" | "enableStaffUser" | "updateStaffUser", StaffAction<unknown>>;

export function StaffUserRowActions({ id, email, role, name, disabled, self, actions: { disableStaffUser, enableStaffUser, updateStaffUser } }: {
  id: string; email: string; role: "admin" | "finance" | "door"; name: string | null; disabled: boolean; self: boolean; actions: StaffUserActions;
}) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex flex-wrap items-start gap-3">
      <label className="text-sm">
        <span className="sr-only">Role of {email}</span>
        <select defaultValue={role} disabled={pending} className="rounded-md border border-stone-400 bg-white px-2 py-2"
          onChange={(e) => {
            const next = e.target.value as "admin" | "finance" | "door";
            start(async () => {
              const result = await updateStaffUser({ id, name: name ?? "", role: next });
              setError(result.ok ? null : result.message);
              if (!result.ok) e.target.value = role;
            });
          }}>
          <option value="admin">Admin</option>
          <option value="finance">Finance</option>
          <option value="door">Door</option>
        </select>
      </label>
      {!self && (disabled
        ? <ActionButton action={enableStaffUser} input={{ id }} busyLabel="Enabling…">Enable<span className="sr-only"> {email}</span></ActionButton>
        : <ActionButton action={disableStaffUser} input={{ id }} danger confirm={`Disable ${email}? They are signed out at once.`} busyLabel="Disabling…">Disable<span className="sr-only"> {email}</span></ActionButton>)}
      {error && <p role="alert" className="text-sm font-medium text-red-700">{error}</p>}
    </div>
  );
}
