import { z, type ZodType } from 'zod';
import { toCoded } from '../errors';
import type { MessageType, Payload, Reply, Response } from '../messaging';
import { adapterById } from '../platforms/registry';
import { PART_NAMES } from '../data/backup';
import { statusDetailSchema } from '../storage/platform-schemas';
import { addedTaskSchema, daySchema, editChangeSchema, moneySchema, platformIdSchema, settingsSchema, taskSnapshotSchema } from '../storage/schemas';
import { MANUAL_PLATFORM } from '../domain/manual-command';
import { YEAR_SEC } from '../platforms/mturk-fields';
import { matchesAny } from './match';

/** An import's name, made by the page (a random UUID). */
const importId = z.string().regex(/^[a-z0-9-]{8,64}$/);

const empty = z.object({}).strict() as unknown as ZodType<Record<string, never>>;

/*
 * What content scripts report from a page is bounded here beyond the stored shapes, so that what one page shows can
 * neither count against the worker's money nor make a record that fails its own schema and is set aside (a status
 * row dated 2026-13-01 gave an `endedAt` of NaN: its money counted in the day "2026-13-01", its task quarantined).
 */
/** An amount a platform page shows (a reward, a balance, a transfer): never negative (the adapters drop those). */
const pageMoney = moneySchema.refine((m) => m.minor >= 0, 'an amount a page shows is never negative');
/** A day a platform page names: a real date, from 1970 on (its instant is never negative). */
const pageDay = daySchema.refine((day) => day >= '1970-01-01', 'a day from 1970 on');
/** The last instant a Date holds: a year allotted after it still makes a deadline that is a safe integer. */
const MAX_WALL = 8.64e15;
const pageUrl = z.string().max(4000).refine((href) => /^https?:$/.test(urlOf(href)?.protocol ?? ''), 'an http(s) URL');
const transfers = z.array(z.object({ requestedDate: pageDay, amount: pageMoney })).max(500);

/** Every message type with the schema of its payload: a type missing here fails the typecheck. */
const payloadSchemas: { [K in MessageType]: ZodType<Payload<K>> } = {
  'cs-bg-task-seen': taskSnapshotSchema.extend({
    reward: pageMoney.nullable(),
    timeAllottedSec: z.number().int().nonnegative().max(YEAR_SEC).optional(),
    acceptedAt: z.number().int().nonnegative().max(MAX_WALL).optional(),
  }),
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
          reward: pageMoney.nullable(),
          timeAllottedSec: z.number().int().nonnegative().optional(),
          estimatedSec: z.number().int().nonnegative().optional(),
        }),
      )
      .max(200),
  }),
  'cs-bg-balance-page': z.object({
    platform: platformIdSchema,
    dashboard: z.object({ available: pageMoney.optional(), bonuses: pageMoney.optional() }).optional(),
    transfers: transfers.optional(),
    undone: transfers.optional(),
    statuses: z.array(statusDetailSchema.extend({ reward: pageMoney, bonus: pageMoney.optional(), date: pageDay })).max(200).optional(),
  }),
  // A page as it is: read by lib/background/page-reader.ts, whose findings go through this router again.
  'cs-bg-page-html': z.object({ platform: platformIdSchema, url: pageUrl, doc: z.string().min(1).max(40), html: z.string().max(8_000_000) }),
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
    seq: z.number().int().nonnegative().optional(),
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
    rows: z.array(z.object({ taskId: z.string().min(1).max(200), title: z.string().max(500), requesterName: z.string().max(200), reward: pageMoney.nullable() })).max(200),
  }),
  'cs-bg-task-reward': z.object({ platform: platformIdSchema, taskId: z.string().min(1).max(200), text: z.string().max(100) }),
  'ui-bg-task-reward': z.object({
    platform: platformIdSchema,
    taskId: z.string().min(1).max(200),
    reward: moneySchema.refine((m) => m.minor >= 0, 'a reward is never negative'),
  }),
};

/** Text as a URL, or null for text that is no URL (`URL.canParse` needs Chrome 120). */
function urlOf(href: string): URL | null {
  try {
    return new URL(href);
  } catch {
    return null;
  }
}

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
  /** The URL of the document that sent the message: a frame's own, not its tab's. */
  url?: string;
  /** Chrome only: that document's origin (`'null'` when opaque, e.g. a sandboxed frame). */
  origin?: string;
  /** 0: the tab's top frame. */
  frameId?: number;
  tab?: { id?: number; url?: string };
}

export interface Identity {
  extensionId: string;
  /** `chrome-extension://<id>/` or `moz-extension://<uuid>/`. */
  extensionOrigin: string;
}

/** What can be told of a sender without reading its payload: this extension, and the kind of page it is. */
function identityProblem(type: string, sender: Sender, me: Identity): string | null {
  if (sender.id !== me.extensionId) return 'sender is not Centime';
  if (type.startsWith('ui-')) {
    const page = sender.url?.startsWith(me.extensionOrigin) && (sender.origin === undefined || `${sender.origin}/` === me.extensionOrigin);
    return page && !sender.tab?.url?.match(/^https?:/) ? null : 'ui message from outside Centime pages';
  }
  if (type.startsWith('cs-')) {
    const tabUrl = sender.tab?.url;
    if (!tabUrl) return 'content message without a tab';
    // Chrome names the sending document's origin: it is its URL's (an opaque 'null' is a sandboxed document).
    if (sender.origin !== undefined && sender.origin !== urlOf(sender.url ?? tabUrl)?.origin) return 'origin is not the page’s';
    return null;
  }
  return 'unknown direction';
}

/**
 * Who may send what: `cs-*` only from a content script whose tab *and* own document (a frame's URL is its own)
 * are on the platform the payload names; `ui-*` only from Centime's own pages. Returns why a message is refused,
 * or null.
 */
export function senderProblem(type: string, payload: unknown, sender: Sender, me: Identity): string | null {
  const problem = identityProblem(type, sender, me);
  if (problem || !type.startsWith('cs-')) return problem;
  const platform = typeof payload === 'object' && payload !== null ? (payload as { platform?: unknown }).platform : undefined;
  const adapter = typeof platform === 'string' ? adapterById(platform) : undefined;
  if (!adapter) return 'unknown platform';
  if (!matchesAny(adapter.matches, sender.tab!.url!)) return `tab is not on ${adapter.name}`;
  // An iframe of another site inside a platform page has the tab's URL, not its own.
  if (sender.url !== undefined && !matchesAny(adapter.matches, sender.url)) return `frame is not on ${adapter.name}`;
  return null;
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
    // Another extension, a page that is not Centime's: refused before its payload is read (nothing of the schemas told).
    const stranger = identityProblem(type, sender, me);
    if (stranger) return { ok: false, error: { code: 'refused_sender', detail: `${type}: ${stranger}` } };
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
