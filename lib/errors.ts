/**
 * Errors that reach a page travel as codes, never as English text: the page words them with
 * `t('error_<code>', params)` in the worker's language (lib/i18n.ts, `errorText`). No zod and no browser API
 * here, so content scripts may import it. Codes use `_` because message names allow only [A-Za-z0-9_].
 */
export const ERROR_CODES = [
  'unknown',
  'no_answer',
  'invalid_message',
  'refused_sender',
  'no_handler',
  'network',
  'refresh_http',
  'refresh_unavailable',
  'manual_open',
  'manual_none',
  'manual_unavailable',
  'no_balances',
  'reports_itself',
  'claim_no_tab',
  'not_platform_page',
  'pick_unsaved',
  'pick_unavailable',
  'pick_no_tab',
  'platform_off',
  'import_too_large',
  'import_gone',
  'task_unknown',
  'task_open',
  'edits_full',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** An error as it travels in a reply; `detail` is technical (English, for the console), never shown. */
export interface CodedError {
  code: ErrorCode;
  params?: string[];
  detail?: string;
}

export class CentimeError extends Error {
  readonly code: ErrorCode;
  readonly params: string[];

  constructor(code: ErrorCode, params: string[] = [], detail?: string) {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'CentimeError';
    this.code = code;
    this.params = params;
  }
}

const isCode = (code: unknown): code is ErrorCode => typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code);

/**
 * Any thrown value (or a coded error as it travelled) as a coded error: a CentimeError keeps its code;
 * anything else is `unknown`, its text kept as detail.
 */
export function toCoded(error: unknown): CodedError {
  if (error instanceof CentimeError) return { code: error.code, ...(error.params.length ? { params: error.params } : {}), detail: error.message };
  if (error instanceof Error) return { code: 'unknown', detail: error.message };
  const v = (typeof error === 'object' && error !== null ? error : {}) as Partial<CodedError>;
  const params = Array.isArray(v.params) ? v.params.filter((p): p is string => typeof p === 'string') : [];
  const detail = typeof v.detail === 'string' ? v.detail : typeof error === 'string' ? error : undefined;
  if (!isCode(v.code)) return { code: 'unknown', ...(detail === undefined ? {} : { detail }) };
  return { code: v.code, ...(params.length ? { params } : {}), ...(detail === undefined ? {} : { detail }) };
}

/** A coded error read back from a reply (untrusted shape: anything odd is `unknown`), to throw. */
export function fromCoded(value: unknown): CentimeError {
  const { code, params, detail } = toCoded(value);
  return new CentimeError(code, params, detail);
}
