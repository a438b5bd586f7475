import { spanText, type WorkerReply } from './backup-span';
import type { KeySpan } from '../storage/backup-tasks';

/** A backup's Worker (`backup-task-text.ts`): reads, validates and writes the tasks of one span of keys. */
const reply = (message: WorkerReply) => postMessage(message);

onmessage = async ({ data }: MessageEvent<{ span: KeySpan; size?: number }>) => {
  try {
    const text = await spanText(data.span, data.size, (done) => reply({ done }));
    reply({ end: true, ...text });
  } catch (error) {
    reply({ error: error instanceof Error ? error.message : String(error) });
  }
};
