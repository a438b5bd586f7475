/**
 * A row's Remove button goes with its row: before it does, the focus moves to its list's "Add" button (marked
 * `add-row`), so that a worker on the keyboard stays in the list instead of being sent back to the page's body.
 */
export function focusListAdd(event: Event): void {
  const list = (event.currentTarget as HTMLElement).closest('.threshold-platform, fieldset:not([data-rule]), .sites');
  list?.querySelector<HTMLElement>('.add-row')?.focus();
}
