import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type {
  Balances,
  Dashboard,
  EarningsPage,
  ListedTask,
  QueuedTask,
  StatusDetail,
  TaskSnapshot,
} from '../../lib/platforms/types';
import type {
  balancesSchema,
  dashboardSchema,
  earningsPageSchema,
  listedTaskSchema,
  queuedTaskSchema,
  statusDetailSchema,
} from '../../lib/storage/platform-schemas';
import type { taskSnapshotSchema } from '../../lib/storage/schemas';

/** The adapters' hand-written types and the background's schemas describe the same shapes (checked by tsc). */
describe('platform schemas', () => {
  it('have the adapters’ types', () => {
    expectTypeOf<z.infer<typeof listedTaskSchema>>().toEqualTypeOf<ListedTask>();
    expectTypeOf<z.infer<typeof queuedTaskSchema>>().toEqualTypeOf<QueuedTask>();
    expectTypeOf<z.infer<typeof balancesSchema>>().toEqualTypeOf<Balances>();
    expectTypeOf<z.infer<typeof dashboardSchema>>().toEqualTypeOf<Dashboard>();
    expectTypeOf<z.infer<typeof statusDetailSchema>>().toEqualTypeOf<StatusDetail>();
    expectTypeOf<z.infer<typeof earningsPageSchema>>().toEqualTypeOf<EarningsPage>();
    expectTypeOf<z.infer<typeof taskSnapshotSchema>>().toEqualTypeOf<TaskSnapshot>();
  });
});
