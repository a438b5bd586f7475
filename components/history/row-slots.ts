// Which of the list's DOM rows shows which task (issue 18: no long task while scrolling). A fixed pool of row
// elements, one per slot: index % size. A row that stays in view keeps its element; a row scrolled in takes the
// element of the one scrolled out (only its text and position change, nothing is created or removed, and no
// element moves in the DOM, which would cost style and layout and drop the focus).

/**
 * The slot of each of `indices` (ascending: a run of consecutive indices, plus maybe `kept` away from it). `size`
 * is at least the run's length, so the run's slots differ. `kept` (the focused row, rendered out of view too)
 * keeps its own slot; the index of the run that would share it takes the spare slot, `size`.
 */
export function rowSlots(indices: readonly number[], size: number, kept?: number): number[] {
  const keptSlot = kept === undefined ? -1 : kept % size;
  return indices.map((i) => (i === kept ? keptSlot : i % size === keptSlot ? size : i % size));
}

