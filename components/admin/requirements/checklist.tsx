"use client";
import { useOptimistic, useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { stepResolver } from "@/components/ui/step-resolver";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { StaffAction } from "@/lib/auth/staff-action";
import { checklistAddSchema } from "@/lib/validations/requirements";

export type ChecklistItemView = {
  id: string; label: string; source: "generated" | "staff"; forWhom: string | null; doneText: string | null; done: boolean;
};

/** The staff actions on a checklist, passed in by the page. */
export type ChecklistActions = Record<"addChecklistItem" | "removeChecklistItem" | "setChecklistItemDone", StaffAction<unknown>>;

function Item({ item, actions: { setChecklistItemDone, removeChecklistItem } }: { item: ChecklistItemView; actions: ChecklistActions }) {
  const [pending, start] = useTransition();
  const [done, setDone] = useOptimistic(item.done);
  const [error, setError] = useState<string | null>(null);
  const id = `check-${item.id}`;
  return (
    <li className="flex items-start gap-3 py-2">
      <input id={id} type="checkbox" className="mt-1 h-5 w-5 shrink-0 accent-brand-700" checked={done} disabled={pending}
        aria-describedby={item.doneText ? `${id}-done` : undefined}
        onChange={(e) => {
          const next = e.target.checked;
          start(async () => {
            setDone(next);
            const result = await setChecklistItemDone({ itemId: item.id, done: next });
            setError(result.ok ? null : result.message);
          });
        }} />
      <div className="min-w-0 flex-1">
        <label htmlFor={id} className={done ? "text-stone-600 line-through" : ""}>
          {item.label}{item.forWhom && <span className="text-stone-600"> — for {item.forWhom}</span>}
        </label>
        {item.doneText && <p id={`${id}-done`} className="text-sm text-stone-600">{item.doneText}</p>}
        {error && <p role="alert" className="text-sm font-medium text-red-700">{error}</p>}
      </div>
      {item.source === "staff" && (
        <button type="button" className="text-sm text-red-800 underline disabled:text-stone-400" disabled={pending}
          aria-label={`Remove task: ${item.label}`}
          onClick={() => start(async () => {
            const result = await removeChecklistItem({ itemId: item.id });
            setError(result.ok ? null : result.message);
          })}>
          Remove
        </button>
      )}
    </li>
  );
}

function AddItem({ sessionId, sessionLabel, actions: { addChecklistItem } }: { sessionId: string; sessionLabel: string; actions: ChecklistActions }) {
  // Disabled until hydrated: react-hook-form would reset a task typed earlier.
  const hydrated = useHydrated();
  const form = useForm<{ sessionId: string; label: string }>({ resolver: stepResolver(checklistAddSchema), defaultValues: { sessionId, label: "" } });
  const error = form.formState.errors.label?.message;
  const submit = form.handleSubmit(async (values) => {
    const result = await addChecklistItem(values);
    if (result.ok) form.reset({ sessionId, label: "" });
    else form.setError("label", { message: result.fields?.label ?? result.message });
  });
  return (
    <form onSubmit={submit} noValidate className="flex flex-wrap items-end gap-2" aria-label={`Add a task for ${sessionLabel}`}>
      <input type="hidden" {...form.register("sessionId")} />
      <div className="min-w-56 flex-1 space-y-1">
        <label htmlFor={`new-task-${sessionId}`} className="block font-medium">Add a task</label>
        {error && <p id={`new-task-${sessionId}-error`} className="text-sm font-medium text-red-700">{error}</p>}
        <input id={`new-task-${sessionId}`} {...form.register("label")} disabled={!hydrated} aria-invalid={error ? true : undefined}
          aria-describedby={error ? `new-task-${sessionId}-error` : undefined}
          className={`block w-full rounded-md border bg-white px-3 py-2.5 ${error ? "border-red-700 ring-1 ring-red-700" : "border-stone-400"}`} />
      </div>
      <Button type="submit" variant="secondary" disabled={!hydrated} busy={form.formState.isSubmitting} busyLabel="Adding…">Add task</Button>
    </form>
  );
}

export function Checklist({ sessionId, sessionLabel, items, actions }: { sessionId: string; sessionLabel: string; items: ChecklistItemView[]; actions: ChecklistActions }) {
  return (
    <div className="space-y-3">
      {items.length === 0 ? <p className="text-stone-600">No tasks yet.</p> : (
        <ul className="divide-y divide-stone-200">{items.map((i) => <Item key={i.id} item={i} actions={actions} />)}</ul>
      )}
      <AddItem sessionId={sessionId} sessionLabel={sessionLabel} actions={actions} />
    </div>
  );
}
