"use client";
// A problem shown with the page (after a form sent by GET, or a server action's answer): it takes focus when it
// appears, so it is read out at once and the keyboard starts from it, as the error summary of a form does.
import { useEffect, useRef, type ReactNode } from "react";

export function FocusedAlert({ id, className, children }: { id?: string; className?: string; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => { box.current?.focus(); }, []);
  return <div id={id} role="alert" ref={box} tabIndex={-1} className={className}>{children}</div>;
}
