"use client";
import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False in the server's HTML and while React hydrates it, true from then on. A form whose fields are
 * registered by react-hook-form resets them to their defaults when it hydrates, so what someone chose
 * before that would be lost silently: such forms stay disabled until this turns true.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(subscribe, () => true, () => false);
}
