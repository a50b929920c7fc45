/** Whether the browser would show focus on `el` now: the keyboard's focus, not a click's. */
export function focusVisible(el: Element): boolean {
  try { return el.matches(":focus-visible"); } catch { return true; }
}
