import { z } from 'zod';
import { isKnownCurrency, type Money } from '../domain/money';
import {
  formatPattern,
  isPatternProblem,
  originPatternOf,
  parseMatchPattern,
  type CustomRule,
  type ParsedPattern,
  type PatternProblem,
} from '../platforms/custom-rule';
import { platformHosts } from '../platforms/hosts';
import type { VersionedKind } from './versioned';

/**
 * Custom-site rules: their schema, the stored list of them, and `validateRule` for the options page. Problems
 * come back as codes (`{ field: 'titleSelector', code: 'selector-invalid' }`); the page words them.
 */
export type RuleField = keyof CustomRule | 'rule';
export type RuleProblemCode =
  | 'required'
  | 'invalid'
  | 'too-short'
  | 'too-long'
  | PatternProblem
  | 'match-builtin'
  | 'selector-invalid'
  | 'submit-other-site'
  | 'currency-invalid'
  | 'threshold-invalid';
export interface RuleProblem {
  field: RuleField;
  code: RuleProblemCode;
}
export type RuleValidation = { ok: true; rule: CustomRule } | { ok: false; problems: RuleProblem[] };
/** Whether the browser's selector engine accepts a selector; injectable where there is no DOM. */
export type SelectorCheck = (selector: string) => boolean;

export const RULE_ID = /^[a-z0-9][a-z0-9-]{0,31}$/;

/**
 * A new rule's id, made once when the worker adds the rule and never changed: its tasks are recorded under
 * `custom:<id>`, its script, host access and sync item are named by it. Never taken from the rule's place in the
 * list, nor the lowest number free: a removed rule's tasks keep its id, and two computers that sync rules would
 * each give their first site the same one. A preset's own id when that is free (a rule from the same preset
 * names the same site), otherwise the prefix and 8 random letters and digits.
 */
export function newRuleId(prefix: string, taken: ReadonlySet<string>, preferPrefix = false): string {
  if (preferPrefix && !taken.has(prefix)) return prefix;
  for (;;) {
    const random = Array.from(crypto.getRandomValues(new Uint8Array(8)), (byte) => (byte % 36).toString(36)).join('');
    const id = `${prefix.slice(0, 23)}-${random}`;
    if (!taken.has(id)) return id;
  }
}
export const NAME_MAX = 60;
const TEXT_MAX = 500;

/** A DocumentFragment's engine where there is a DOM (options page); a rough syntax check in the worker. */
export const defaultSelectorCheck: SelectorCheck = (selector) => {
  if (typeof document === 'undefined') return roughSelectorCheck(selector);
  try {
    document.createDocumentFragment().querySelector(selector);
    return true;
  } catch {
    return false;
  }
};

/** Balanced quotes, brackets and parentheses, no braces, no dangling combinator. */
export function roughSelectorCheck(selector: string): boolean {
  const s = selector.trim();
  if (!s || /^[>+~,]|[>+~,]$/.test(s)) return false;
  const open: string[] = [];
  let quote = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (quote) quote = c === quote ? '' : quote;
    else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '(') open.push(c === '[' ? ']' : ')');
    else if (c === ']' || c === ')') {
      if (open.pop() !== c) return false;
    } else if (c === '{' || c === '}' || c === ';') return false;
  }
  return !quote && open.length === 0;
}

const builtinHosts = platformHosts.map(parseMatchPattern).filter((p): p is ParsedPattern => !isPatternProblem(p));

/** The rule's pattern could match a page of MTurk or Prolific: those have their own adapters. */
const onBuiltin = (p: ParsedPattern) =>
  builtinHosts.some((b) => b.host === p.host || (p.subdomains && b.host.endsWith(`.${p.host}`)));

/** `inner` names only hosts that `outer` names (paths aside). */
function withinSite(inner: ParsedPattern, outer: ParsedPattern): boolean {
  if (outer.scheme !== '*' && inner.scheme !== outer.scheme) return false;
  if (outer.subdomains) return inner.host === outer.host || inner.host.endsWith(`.${outer.host}`);
  return !inner.subdomains && inner.host === outer.host;
}

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

function isThreshold(v: unknown): v is Money {
  if (typeof v !== 'object' || v === null) return false;
  const { minor, currency } = v as Record<string, unknown>;
  return Number.isSafeInteger(minor) && (minor as number) > 0 && typeof currency === 'string' && isKnownCurrency(currency);
}

/** The checks zod's shapes cannot say; each reads its field loosely so that every problem is found at once. */
function ruleProblems(input: Record<string, unknown>, selectorOk: SelectorCheck): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const add = (field: RuleField, code: RuleProblemCode) => problems.push({ field, code });
  const setUp = input.needsSetup !== true;
  const match = parseMatchPattern(str(input.match));
  if (typeof input.match === 'string' && isPatternProblem(match)) add('match', match);
  else if (!isPatternProblem(match) && onBuiltin(match)) add('match', 'match-builtin');
  for (const field of ['titleSelector', 'rewardSelector'] as const) {
    const selector = str(input[field]);
    if (selector && !selectorOk(selector)) add(field, 'selector-invalid');
    else if (!selector && field === 'titleSelector' && setUp) add(field, 'required');
  }
  const submit = (typeof input.submit === 'object' && input.submit) as Record<string, unknown> | false;
  if (submit && (submit.kind === 'selector' || submit.kind === 'click')) {
    const selector = str(submit.selector);
    if (selector && !selectorOk(selector)) add('submit', 'selector-invalid');
    else if (!selector && setUp) add('submit', 'required');
  } else if (submit && submit.kind === 'url') {
    const pattern = str(submit.pattern);
    const parsed = parseMatchPattern(pattern);
    if (!pattern) {
      if (setUp) add('submit', 'required');
    } else if (isPatternProblem(parsed)) add('submit', parsed);
    else if (!isPatternProblem(match) && !withinSite(parsed, match)) add('submit', 'submit-other-site');
  }
  if (typeof input.currency === 'string' && !isKnownCurrency(input.currency)) add('currency', 'currency-invalid');
  if (input.payoutThreshold !== undefined && !isThreshold(input.payoutThreshold)) add('payoutThreshold', 'threshold-invalid');
  return problems;
}

const selector = z.string().trim().max(TEXT_MAX);
const shape = z.object({
  id: z.string().regex(RULE_ID),
  name: z.string().trim().min(1).max(NAME_MAX),
  match: z.string().trim().max(TEXT_MAX),
  titleSelector: selector.optional(),
  rewardSelector: selector.optional(),
  currency: z.string(),
  submit: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('selector'), selector }),
    z.object({ kind: z.literal('url'), pattern: selector }),
    z.object({ kind: z.literal('click'), selector }),
  ]),
  timing: z.enum(['internal', 'external']),
  payoutThreshold: z.custom<Money>(isThreshold, 'threshold-invalid').optional(),
  preset: z.string().regex(RULE_ID).optional(),
  needsSetup: z.boolean().optional(),
  enabled: z.boolean(),
});

/** Host in lower case, so that permissions and registered scripts name the site one way. */
const normalised = (rule: z.infer<typeof shape>): CustomRule => {
  const p = parseMatchPattern(rule.match);
  return isPatternProblem(p) ? rule : { ...rule, match: formatPattern(p) };
};

function schemaWith(selectorOk: SelectorCheck) {
  return shape
    .superRefine((rule, ctx) => {
      for (const p of ruleProblems(rule, selectorOk)) ctx.addIssue({ code: 'custom', path: [p.field], message: p.code });
    })
    .transform(normalised);
}

/** One rule, as stored and as the background checks it before registering its content script. */
export const customRuleSchema: z.ZodType<CustomRule, unknown> = schemaWith(defaultSelectorCheck);

export const CUSTOM_RULES_VERSION = 1;
export const MAX_RULES = 50;

export const customRulesSchema = z
  .object({ v: z.literal(CUSTOM_RULES_VERSION), rules: z.array(customRuleSchema).max(MAX_RULES) })
  .refine(({ rules }) => new Set(rules.map((r) => r.id)).size === rules.length, { message: 'two rules share an id', path: ['rules'] });
export type StoredCustomRules = z.infer<typeof customRulesSchema>;

export const customRulesKind: VersionedKind<StoredCustomRules> = {
  name: 'custom rules',
  version: CUSTOM_RULES_VERSION,
  schema: customRulesSchema,
  migrations: {},
};

const FIELDS = new Set<string>(Object.keys(shape.shape));

function codeOf(issue: z.core.$ZodIssue, input: Record<string, unknown>): RuleProblemCode {
  const field = issue.path[0];
  if (issue.code === 'custom') return issue.message as RuleProblemCode;
  if (field === 'payoutThreshold') return 'threshold-invalid';
  if (issue.code === 'too_big') return 'too-long';
  const value = typeof field === 'string' ? input[field] : undefined;
  if (value === undefined || (issue.code === 'too_small' && str(value) === '')) return 'required';
  return issue.code === 'too_small' ? 'too-short' : 'invalid';
}

/**
 * Checks a rule as the options page has it; every field's first problem is reported. `selectorOk` decides
 * whether a selector parses (default: the DOM's own engine, or a rough check where there is no DOM).
 */
export function validateRule(input: unknown, selectorOk: SelectorCheck = defaultSelectorCheck): RuleValidation {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { ok: false, problems: [{ field: 'rule', code: 'invalid' }] };
  const raw = input as Record<string, unknown>;
  const parsed = shape.safeParse(raw);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue): RuleProblem => {
    const field = String(issue.path[0] ?? 'rule');
    return { field: FIELDS.has(field) ? (field as RuleField) : 'rule', code: codeOf(issue, raw) };
  });
  problems.push(...ruleProblems(raw, selectorOk));
  const first = problems.filter((p, i) => problems.findIndex((q) => q.field === p.field) === i);
  return parsed.success && first.length === 0 ? { ok: true, rule: normalised(parsed.data) } : { ok: false, problems: first };
}

// The host permission to request for a rule: pure, so it lives beside the rule type; here for the options page.
export { originPatternOf };
