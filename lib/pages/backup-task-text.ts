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

/** Every task's text, span after span in key order; `progress(done, total)` over them all. */
export async function taskTexts(progress: ((done: number, total: number) => void) | undefined, size?: number, workers = workerCount()): Promise<SpanText[]> {
  const { spans, total } = await splitTaskKeys(Math.max(1, workers));
  const done = spans.map(() => 0);
  const onRead = (i: number) => (n: number) => {
    done[i] = n;
    const sum = done.reduce((a, b) => a + b, 0);
    progress?.(sum, Math.max(total, sum));
  };
  if (workers < 1) return [await spanText(spans[0]!, size, onRead(0))];
  const started: Worker[] = [];
  try {
    return await Promise.all(spans.map((span, i) => inWorker(span, size, onRead(i), started)));
  } catch (error) {
    for (const worker of started) worker.terminate();
    // A worker that cannot start or fails: the page does it alone (slower, the same file).
    console.warn('Centime: backup workers failed, writing the backup in the page', error);
    done.fill(0);
    return [await spanText({}, size, onRead(0))];
  }
}
