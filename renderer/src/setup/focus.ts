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

/** How long a focus request waits for its element: a lazy screen's code may still be loading on a busy machine. */
const WAIT_FOR_ELEMENT_MS = 5_000;

/**
 * Moves focus to an element after React has rendered it; `center` also scrolls it to the middle of the view (a field
 * with a problem), otherwise the browser scrolls only as far as focus needs (a heading). An element not there yet (its
 * screen loads lazily) is waited for, frame by frame, as long as the focus stays where it was or fell to the page: once
 * the admin has moved on, it is theirs.
 */
export function focusById(id: string, center = true): void {
  const from = document.activeElement;
  const until = Date.now() + WAIT_FOR_ELEMENT_MS;
  const attempt = () => {
    const el = document.getElementById(id);
    if (el === null) {
      const focused = document.activeElement;
      const untouched = focused === from || focused === null || focused === document.body;
      if (untouched && Date.now() < until) requestAnimationFrame(attempt);
      return;
    }
    el.focus();
    if (center) el.scrollIntoView({ block: 'center' });
  };
  requestAnimationFrame(attempt);
}
