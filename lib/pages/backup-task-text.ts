import { withArchiveRead } from '../storage/archive';
import { splitTaskKeys, type KeySpan } from '../storage/backup-tasks';
import { spanText, type SpanText, type WorkerReply } from './backup-span';
import BackupWorker from './backup-worker?worker';

/**
 * The backup's task list as text, in Blobs (issue 18: 100,000 tasks, 120 MB, ≤ 3 s). Reading, validating and
 * writing tasks is the backup's whole cost and all of it is CPU in the page that reads: the key space is split in
 * spans of about equal counts and each span is read and written by a Worker of its own (the extension's own
 * script, `backup-worker.ts`), on as many cores as there are. Where no Worker can start (unit tests), the page
 * does it alone; the text is the same.
 */
function inWorker(span: KeySpan, size: number | undefined, onRead: (done: number) => void, started: Worker[]): Promise<SpanText> {
  const worker = new BackupWorker();
  started.push(worker);
  return new Promise<SpanText>((resolve, reject) => {
    worker.onmessage = ({ data }: MessageEvent<WorkerReply>) => {
      if ('error' in data) reject(new Error(data.error));
      else if ('end' in data) resolve({ parts: data.parts, count: data.count, invalid: data.invalid });
      else onRead(data.done);
    };
    worker.onerror = (event) => reject(new Error(event.message || 'backup worker failed'));
    worker.postMessage({ span, size });
  }).finally(() => worker.terminate());
}

const workerCount = () => (typeof Worker === 'undefined' ? 0 : Math.min(4, Math.max(2, globalThis.navigator?.hardwareConcurrency || 2)));

/**
 * Every task's text, span after span; `progress(done, total)` over them all. Within the archive's lock (no task moves
 * into the archive meanwhile), each Worker reads its span's archived parts first, and only once all have, its span
 * of `tasks`: a task taken out of the archive while the backup reads (a write of an old task) is then read in
 * `tasks` if its part was not read yet, never missed (`readBackupTasks`).
 */
export function taskTexts(progress: ((done: number, total: number) => void) | undefined, size?: number, workers = workerCount()): Promise<SpanText[]> {
  return withArchiveRead(async () => {
    const { spans, total, partsStored } = await splitTaskKeys(Math.max(1, workers));
    if (workers < 1) return inPage(total, progress, size);
    // The archive's spans (when it holds any part), then the spans of `tasks`.
    const loose: KeySpan[] = spans.map(({ after, upTo }) => ({ after, upTo, parts: null }));
    const parts: KeySpan[] = spans.flatMap(({ parts }) => (parts === null ? [] : [{ loose: false, parts }]));
    const phases = partsStored ? [parts, loose] : [loose];
    const done = new Map<string, number>();
    const onRead = (id: string) => (n: number) => {
      done.set(id, n);
      const sum = [...done.values()].reduce((a, b) => a + b, 0);
      progress?.(sum, Math.max(total, sum));
    };
    const started: Worker[] = [];
    try {
      const texts: SpanText[] = [];
      for (const [p, phase] of phases.entries()) texts.push(...(await Promise.all(phase.map((span, i) => inWorker(span, size, onRead(`${p}.${i}`), started)))));
      return texts;
    } catch (error) {
      for (const worker of started) worker.terminate();
      // A worker that cannot start or fails: the page does it alone (slower, the same file).
      console.warn('Centime: backup workers failed, writing the backup in the page', error);
      return inPage(total, progress, size);
    }
  });
}

const inPage = async (total: number, progress: ((done: number, total: number) => void) | undefined, size: number | undefined) => [
  await spanText({}, size, (n) => progress?.(n, Math.max(total, n))),
];
