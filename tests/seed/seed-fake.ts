import { TaskWriter } from '../../lib/background/task-writer';
import { saveCustomRules } from '../../lib/storage/custom-rules-store';
import { generateHistory, type SeedOptions } from './generate';
import { SEED_RULES } from './rules';

/**
 * Fills the (fake) IndexedDB of unit tests with a generated history, through the storage layer as the seed of a
 * real profile does: the primary records in batches (one transaction each), then one `rebuild()` of everything
 * derived; and the worker's custom site (Clickworker) in extension storage. Returns the writer, set to the
 * history's time zone.
 */
export async function seedFake(options: SeedOptions, writer = new TaskWriter(() => options.timeZone)): Promise<TaskWriter> {
  await saveCustomRules(SEED_RULES);
  for (const batch of generateHistory(options)) await writer.importPrimary(batch);
  await writer.rebuild();
  return writer;
}
