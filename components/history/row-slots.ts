// Which of the list's DOM rows shows which task (issue 18: no long task while scrolling). A fixed pool of row
// elements, one per slot: index % size. A row that stays in view keeps its element; a row scrolled in takes the
// element of the one scrolled out (only its text and position change, nothing is created or removed, and no
// element moves in the DOM, which would cost style and layout and drop the focus).

/**
 * The slot of each of `indices` (ascending: a run of consecutive indices, plus maybe `kept.index` away from it).
 * `size` is at least the run's length, so the run's slots differ. The kept row (the focused one, rendered out of
 * view too) stays in the element it has, `kept.slot`, wherever its task moved in the list; the index of the run
 * that would share that slot takes a spare one.
 */
export function rowSlots(indices: readonly number[], size: number, kept?: { index: number; slot: number }): number[] {
  if (!kept) return indices.map((i) => i % size);
  const spare = kept.slot >= size ? kept.slot + 1 : size;
  return indices.map((i) => (i === kept.index ? kept.slot : i % size === kept.slot ? spare : i % size));
}
