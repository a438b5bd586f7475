// Types for the TypeScript tests that reuse the benches' probes (popup-probes.mjs).
/** Moves `Date` in this realm by `offset` ms (alarms still set on the browser's clock). */
export function shiftClock(offset: number): void;
