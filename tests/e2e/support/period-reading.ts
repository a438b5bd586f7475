/** The four parts as shown (durations as text), with the working time and what is in progress where shown. */
export interface PartsReading {
  paid: string;
  unpaid: string;
  platform: string;
  idle: string;
  worked?: string;
  inProgress?: string;
}

export interface PeriodReading {
  kind: string;
  from: string;
  to: string;
  earned: string;
  tasksDone: string;
  parts: Required<Pick<PartsReading, 'worked'>> & PartsReading;
  midnightNote: boolean;
  days: { day: string; earned: string; worked: string; tasks: string }[];
  sessions: { when: string; platforms: string; earned: string; tasksDone: string; parts: PartsReading; tasks: { title: string; outcome: string }[] }[];
}

/**
 * Runs in the popup page (sent as source: self-contained): the period as it reads, or null while it loads.
 * Durations stay as text ("4:00" in the period's list, "4:00 paid work" in a session's line).
 */
export function readPeriod(): PeriodReading | null {
  const text = (root: ParentNode | null | undefined, selector: string) => root?.querySelector(selector)?.textContent?.trim() ?? '';
  const panel = document.getElementById('period-panel');
  if (!panel || panel.getAttribute('aria-busy') === 'true' || !panel.querySelector('.range')) return null;
  const range = panel.querySelector('.range')!;
  const summary = panel.querySelector('.period-summary');
  const parts = (root: Element | null) => ({
    paid: text(root, '.paid-active'),
    unpaid: text(root, '.unpaid'),
    platform: text(root, '.platform-time'),
    idle: text(root, '.idle-time'),
  });
  return {
    kind: document.querySelector('[role="tab"][aria-selected="true"]')?.id.replace('period-tab-', '') ?? '',
    from: range.getAttribute('data-from') ?? '',
    to: range.getAttribute('data-to') ?? '',
    earned: text(summary, '.headline .earned'),
    tasksDone: text(summary, '.tasks-done'),
    parts: { ...parts(summary), worked: text(summary, '.worked'), inProgress: text(summary, '.in-progress') },
    midnightNote: panel.querySelector('.midnight') !== null,
    days: [...panel.querySelectorAll('table.days tbody tr')].map((row) => ({
      day: row.getAttribute('data-period-day') ?? '',
      earned: text(row, '.earned'),
      worked: text(row, '.worked'),
      tasks: text(row, '.tasks-done'),
    })),
    sessions: [...panel.querySelectorAll('.session')].map((s) => {
      const line = s.querySelector('.parts-inline');
      const p = parts(line);
      return {
        when: text(s, '.when'),
        platforms: text(s, '.platforms'),
        earned: text(s, '.earned'),
        tasksDone: text(s, '.tasks-done'),
        // "4:00 paid work" → "4:00": the session's line says what each part is in words.
        parts: Object.fromEntries(Object.entries(p).map(([k, v]) => [k, /(?:\d+:)?\d+:\d\d/.exec(v)?.[0] ?? v])) as unknown as PartsReading,
        tasks: [...s.querySelectorAll('.task-list li')].map((li) => ({ title: text(li, '.title'), outcome: text(li, '.outcome') })),
      };
    }),
  };
}

// Node side: the rendered values as numbers.
const SEC = 1_000;

/** "1:02:03", "4:00" or "4:00 paid work" in ms. */
export function ms(text: string): number {
  const m = /(?:(\d+):)?(\d+):(\d\d)/.exec(text);
  if (!m) throw new Error(`no duration in "${text}"`);
  return ((Number(m[1] ?? 0) * 60 + Number(m[2])) * 60 + Number(m[3])) * SEC;
}
/** "£1.20 + $0.90" as minor units by currency sign. */
export function money(text: string): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const [, sign, amount] of text.matchAll(/([£$€])([\d,]+\.\d\d)/g)) sums[sign!] = (sums[sign!] ?? 0) + Math.round(Number(amount!.replaceAll(',', '')) * 100);
  return sums;
}
export const plus = (list: Record<string, number>[]) => list.reduce((sum, m) => {
  for (const [k, v] of Object.entries(m)) sum[k] = (sum[k] ?? 0) + v;
  return sum;
}, {});
