import { backupPartsWriter } from '../data/backup';
import { readBackupTasks, type KeySpan } from '../storage/backup-tasks';

/** One span of the backup's task list as text, in Blobs: what each backup Worker does (`backup-task-text.ts`). */
export interface SpanText {
  /** The span's tasks, one Blob a chunk, with no comma before the first. */
  parts: Blob[];
  count: number;
  /** Stored tasks that failed validation (left out). */
  invalid: number;
}

/** Reads and writes the tasks of `span`; `onRead(done)` with the count read so far. */
export async function spanText(span: KeySpan, size: number | undefined, onRead: (done: number) => void): Promise<SpanText> {
  const writer = backupPartsWriter(0);
  const parts: Blob[] = [];
  let count = 0;
  let invalid = 0;
  await readBackupTasks(({ tasks, texts = [], blobs = [], done, invalid: bad }) => {
    const text = writer.tasks(tasks) + writer.texts(texts);
    const stored = writer.blobs(blobs);
    if (text || stored.length) parts.push(new Blob([text, ...stored]));
    count += tasks.length + texts.length + blobs.reduce((n, b) => n + b.count, 0);
    invalid += bad.length;
    onRead(done);
  }, size, span);
  return { parts, count, invalid };
}

export type WorkerReply = { done: number } | ({ end: true } & SpanText) | { error: string };
