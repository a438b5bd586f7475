import { z, type ZodType } from 'zod';
import { toCoded } from '../errors';
import type { MessageType, Payload, Reply, Response } from '../messaging';
import { adapterById } from '../platforms/registry';
import { PART_NAMES } from '../data/backup';
import { earningsPageSchema, statusDetailsSchema } from '../storage/platform-schemas';
import { addedTaskSchema, editChangeSchema, moneySchema, platformIdSchema, settingsSchema, taskSnapshotSchema } from '../storage/schemas';
import { MANUAL_PLATFORM } from '../domain/manual-command';
import { matchesAny } from './match';

/** An import's name, made by the page (a random UUID). */
const importId = z.string().regex(/^[a-z0-9-]{8,64}$/);

const empty = z.object({}).strict() as unknown as ZodType<Record<string, never>>;

/** Every message type with the schema of its payload: a type missing here fails the typecheck. */
const payloadSchemas: { [K in MessageType]: ZodType<Payload<K>> } = {
  'cs-bg-task-seen': taskSnapshotSchema,
  'cs-bg-task-claim': z.object({
    platform: platformIdSchema,
    taskId: z.string().min(1).max(200),
    outcome: z.enum(['submitted', 'returned']),
  }),
  'cs-bg-estimates': z.object({
    platform: platformIdSchema,
    rows: z
      .array(
        z.object({
          groupId: z.string().max(200).optional(),
          requesterId: z.string().max(200).optional(),
          reward: moneySchema.nullable(),
          timeAllottedSec: z.number().int().nonnegative().optional(),
          estimatedSec: z.number().int().nonnegative().optional(),
        }),
      )
      .max(200),
  }),
  'cs-bg-balance-page': z.object({
    platform: platformIdSchema,
    dashboard: z.object({ available: moneySchema.optional(), bonuses: moneySchema.optional() }).optional(),
    transfers: earningsPageSchema.shape.transfers.max(500).optional(),
    undone: earningsPageSchema.shape.transfers.max(500).optional(),
    statuses: statusDetailsSchema.max(200).optional(),
  }),
  // A page as it is: read by lib/background/page-reader.ts, whose findings go through this router again.
  'cs-bg-page-html': z.object({ platform: platformIdSchema, url: z.string().max(4000), doc: z.string().min(1).max(40), html: z.string().max(8_000_000) }),
  'cs-bg-page-seen': z.object({
    platform: platformIdSchema,
    pageKind: z.string().max(20),
    alert: z.enum(['submitted', 'unavailable']).nullable(),
    taskId: z.string().min(1).max(200).nullable(),
  }),
  'ui-bg-get-popup': empty,
  'ui-bg-get-period': z.object({
    kind: z.enum(['day', 'week', 'month']),
    firstDay: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal(6), z.literal(7)]),
  }),
  'ui-bg-refresh': empty,
  'ui-bg-get-options': empty,
  'ui-bg-save-settings': settingsSchema,
  'ui-bg-cash-out': z.object({ platform: platformIdSchema, currency: z.string().regex(/^[A-Z]{3}$/) }),
  'ui-bg-get-rules': empty,
  'ui-bg-get-site-names': empty,
  // Each rule is validated by the handler, which answers every problem in words the page can show.
  'ui-bg-save-rules': z.object({ rules: z.array(z.unknown()).max(50) }),
  'ui-bg-pick': z.object({ ruleId: z.string().min(1).max(32), field: z.enum(['titleSelector', 'rewardSelector', 'submit']) }),
  'cs-bg-custom-submitted': z.object({ platform: platformIdSchema, taskId: z.string().min(1).max(200).nullable() }),
  'ui-bg-not-working-on': z.object({ platform: platformIdSchema, taskId: z.string().min(1).max(200) }),
  'ui-bg-manual': z.discriminatedUnion('action', [
    z.object({ action: z.literal('start'), title: z.string().max(500).optional() }),
    z.object({ action: z.literal('pause') }),
    z.object({ action: z.literal('resume') }),
    z.object({ action: z.literal('stop'), reward: moneySchema.refine((m) => m.minor >= 0, 'a reward is never negative').nullable() }),
  ]),
  'ui-bg-pause': z.object({ paused: z.boolean() }).strict(),
  // Each record of a part is validated by the handler (lib/data/backup.ts), which answers the bad ones.
  'ui-bg-import-stage': z.object({
    importId: importId,
    part: z.object(Object.fromEntries(PART_NAMES.map((name) => [name, z.array(z.unknown()).max(5000).optional()]))).strict(),
  }) as unknown as ZodType<Payload<'ui-bg-import-stage'>>,
  'ui-bg-import-commit': z.object({ importId }).strict(),
  'ui-bg-import-drop': z.object({ importId }).strict(),
  'ui-bg-delete-all': z.object({ sync: z.boolean() }).strict(),
  // Corrections (issue 16): a task's key is `<platform>:<task id>`, both bounded as in every other message.
  'ui-bg-edit-task': z.object({ key: z.string().min(3).max(250), change: editChangeSchema }).strict(),
  // A task added by hand belongs to a platform Centime knows: built-in, the manual timer's, or a custom site's rule.
  'ui-bg-add-task': addedTaskSchema.refine((t) => t.platform === MANUAL_PLATFORM || adapterById(t.platform) !== undefined, {
    message: 'an unknown platform',
    path: ['platform'],
  }),
  'cs-bg-details-seen': z.object({
    platform: platformIdSchema,
    rows: z.array(z.object({ taskId: z.string().min(1).max(200), title: z.string().max(500), requesterName: z.string().max(200), reward: moneySchema.nullable() })).max(200),
  }),
  'cs-bg-task-reward': z.object({ platform: platformIdSchema, taskId: z.string().min(1).max(200), text: z.string().max(100) }),
  'ui-bg-task-reward': z.object({
    platform: platformIdSchema,
    taskId: z.string().min(1).max(200),
    reward: moneySchema.refine((m) => m.minor >= 0, 'a reward is never negative'),
  }),
};

const envelopeSchema = z.object({ type: z.string(), payload: z.unknown() });

type Handler<K extends MessageType> = (payload: Payload<K>, sender: Sender) => Promise<Response<K>>;
/**
 * Messages whose handler is added beside createHandlers': the page reader's (lib/background/page-reader.ts) and
 * data in and out (lib/background/data-handlers.ts).
 */
export type AddedMessage = 'cs-bg-page-html' | 'ui-bg-import-stage' | 'ui-bg-import-commit' | 'ui-bg-import-drop' | 'ui-bg-delete-all';
export type Handlers = { [K in Exclude<MessageType, AddedMessage>]: Handler<K> } & { [K in AddedMessage]?: Handler<K> };

/** The parts of `runtime.MessageSender` that the checks read. */
export interface Sender {
  id?: string;
  url?: string;
  tab?: { id?: number; url?: string };
}

export interface Identity {
  extensionId: string;
  /** `chrome-extension://<id>/` or `moz-extension://<uuid>/`. */
  extensionOrigin: string;
}

/**
 * Who may send what: `cs-*` only from a content script whose tab is on the platform the payload names;
 * `ui-*` only from Centime's own pages. Returns why a message is refused, or null.
 */
export function senderProblem(type: string, payload: unknown, sender: Sender, me: Identity): string | null {
  if (sender.id !== me.extensionId) return 'sender is not Centime';
  if (type.startsWith('ui-')) {
    return sender.url?.startsWith(me.extensionOrigin) && !sender.tab?.url?.match(/^https?:/)
      ? null
      : 'ui message from outside Centime pages';
  }
  if (type.startsWith('cs-')) {
    const platform = (payload as { platform?: unknown }).platform;
    const adapter = typeof platform === 'string' ? adapterById(platform) : undefined;
    if (!adapter) return 'unknown platform';
    const tabUrl = sender.tab?.url;
    if (!tabUrl) return 'content message without a tab';
    return matchesAny(adapter.matches, tabUrl)
      ? null
      : `tab is not on ${adapter.name}`;
  }
  return 'unknown direction';
}

export type Route = (message: unknown, sender: Sender) => Promise<Reply<unknown>> | undefined;

/**
 * `ready` is awaited before any check: the worker's custom sites load from storage when the worker starts.
 * `disabled` reads the platforms the worker switched off (settings): their content scripts' messages are
 * refused before any handler runs, so nothing of theirs is recorded (no task, no page read, no overlay).
 */
export function createRouter(
  handlers: Handlers,
  me: Identity,
  ready: () => Promise<void> = async () => {},
  disabled: () => Promise<readonly string[]> = async () => [],
): Route {
  async function dispatch(type: MessageType, payload: unknown, sender: Sender): Promise<Reply<unknown>> {
    await ready();
    const parsed = payloadSchemas[type].safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { ok: false, error: { code: 'invalid_message', detail: `${type}: ${issue?.path.join('.') || 'payload'}: ${issue?.message}` } };
    }
    const problem = senderProblem(type, parsed.data, sender, me);
    if (problem) return { ok: false, error: { code: 'refused_sender', detail: `${type}: ${problem}` } };
    const platform = type.startsWith('cs-') ? (parsed.data as { platform: string }).platform : null;
    if (platform && (await disabled()).includes(platform)) return { ok: false, error: { code: 'platform_off', detail: `${type}: ${platform} is switched off` } };
    try {
      const handler = handlers[type] as ((payload: unknown, sender: Sender) => Promise<unknown>) | undefined;
      if (!handler) return { ok: false, error: { code: 'no_handler', detail: type } };
      return { ok: true, data: await handler(parsed.data, sender) };
    } catch (error) {
      // A CentimeError keeps its code; anything else (storage, a bug) is "unknown", its words kept for the console.
      const coded = toCoded(error);
      if (coded.code === 'unknown') console.warn(`Centime: ${type}`, error);
      return { ok: false, error: coded };
    }
  }
  return (message, sender) => {
    const envelope = envelopeSchema.safeParse(message);
    // Not ours (e.g. a broadcast meant for pages): answer synchronously with nothing so others may answer.
    if (!envelope.success || !Object.hasOwn(payloadSchemas, envelope.data.type)) return undefined;
    return dispatch(envelope.data.type as MessageType, envelope.data.payload, sender);
  };
}
