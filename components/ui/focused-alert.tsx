"use client";
// A problem shown with the page (after a form sent by GET, or a server action's answer): it takes focus when it
// appears, so it is read out at once and the keyboard starts from it, as the error summary of a form does.
// `role="status"` for an outcome that is not a problem (a form's work done where the form itself goes away).
import { useEffect, useRef, type ReactNode } from "react";

export function FocusedAlert({ id, className, role = "alert", children }: { id?: string; className?: string; role?: "alert" | "status"; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => { box.current?.focus(); }, []);
  return <div id={id} role={role} ref={box} tabIndex={-1} className={className}>{children}</div>;
}
