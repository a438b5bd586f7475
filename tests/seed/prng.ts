/**
 * A small seeded random source for the history generator: the same seed gives the same history on every machine
 * (mulberry32 over a 32-bit hash of the seed and a label). Each day draws from its own stream, labelled by its
 * date, so a day's work is the same whatever came before it: how many tasks are asked for only sets how far back
 * the history goes.
 */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** An item drawn with the given weights (`[item, weight]` pairs). */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /** A duration (ms) with a long right tail: log-uniform between `min` and `max`, skewed towards `median`. */
  spread(min: number, median: number, max: number): number;
  /** `length` characters drawn from `alphabet`. */
  chars(alphabet: string, length: number): string;
}

/**
 * FNV-1a, 32 bits, of the labels joined, then MurmurHash3's finaliser: the seed of one stream. (FNV alone leaves
 * the seeds of consecutive dates a few high bits apart, and mulberry32's first draws from such seeds go together.)
 */
export function hash(...labels: (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const ch of labels.join('\u0000')) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function rng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)]!,
    weighted: (items) => {
      const total = items.reduce((sum, [, w]) => sum + w, 0);
      let x = next() * total;
      for (const [item, w] of items) if ((x -= w) < 0) return item;
      return items.at(-1)![0];
    },
    spread: (min, median, max) => {
      // Two halves of a log scale meeting at the median: half the draws below it, half above.
      const [lo, hi] = next() < 0.5 ? [min, median] : [median, max];
      return Math.round(lo * Math.pow(hi / lo, next()));
    },
    chars: (alphabet, length) => Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]).join(''),
  };
}

/** The stream of one label under a seed (a day, a day's ledger…). */
export const streamOf = (seed: number, ...labels: (string | number)[]) => rng(hash(seed, ...labels));
