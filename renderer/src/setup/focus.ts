// Keeps the keyboard where the admin is when a button they pressed goes away (its step is done, nothing is left to
// undo): after React has rendered, if focus fell to the page, it moves to the first of `ids` that exists.
export function keepFocus(ids: readonly string[]): void {
  requestAnimationFrame(() => {
    const focused = document.activeElement;
    if (focused !== null && focused !== document.body && focused.isConnected) return;
    for (const id of ids) {
      const el = document.getElementById(id);
      if (el !== null) {
        el.focus();
        return;
      }
    }
  });
}

/**
 * Moves focus to an element after React has rendered it; `center` also scrolls it to the middle of the view (a field
 * with a problem), otherwise the browser scrolls only as far as focus needs (a heading).
 */
export function focusById(id: string, center = true): void {
  requestAnimationFrame(() => {
    const el = document.getElementById(id);
    el?.focus();
    if (center) el?.scrollIntoView({ block: 'center' });
  });
}
