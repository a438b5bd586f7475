// @vitest-environment happy-dom
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MatchPattern } from 'wxt/utils/match-patterns';
import { matchesPattern, originPatternOf, parseMatchPattern, taskIdOf, withoutIdentity, type CustomRule } from '../../../lib/platforms/custom-rule';
import { oldTaskIdOf } from '../../support/old-task-id';
import {
  customRulesKind,
  customRuleSchema,
  roughSelectorCheck,
  validateRule,
  type RuleProblem,
} from '../../../lib/storage/custom-rules';
import { upgrade } from '../../../lib/storage/versioned';

const rule = (over: Partial<CustomRule> = {}): CustomRule => ({
  id: 'taskmill',
  name: 'Taskmill',
  match: 'https://work.taskmill.example/tasks/*',
  titleSelector: 'h1.task-title',
  rewardSelector: '.task-reward',
  currency: 'EUR',
  submit: { kind: 'click', selector: 'button[type="submit"]' },
  timing: 'internal',
  enabled: true,
  ...over,
});

const problems = (input: unknown): RuleProblem[] => {
  const result = validateRule(input);
  return result.ok ? [] : result.problems;
};

describe('parseMatchPattern', () => {
  it.each([
    ['https://workplace.clickworker.com/*', { scheme: 'https', host: 'workplace.clickworker.com', subdomains: false, path: '/*' }],
    ['*://*.Example.COM/a*b', { scheme: '*', host: 'example.com', subdomains: true, path: '/a*b' }],
    ['http://localhost/', { scheme: 'http', host: 'localhost', subdomains: false, path: '/' }],
  ])('reads %s', (pattern, parsed) => {
    expect(parseMatchPattern(pattern)).toEqual(parsed);
  });

  it.each([
    ['<all_urls>', 'match-too-broad'],
    ['*://*/*', 'match-too-broad'],
    ['https://*/tasks/*', 'match-too-broad'],
    ['https://*.com/*', 'match-too-broad'],
    ['ftp://example.com/*', 'match-scheme'],
    ['file:///home/*', 'match-scheme'],
    ['HTTPS://example.com/*', 'match-scheme'],
    ['https://example.com', 'match-invalid'],
    ['example.com/*', 'match-invalid'],
    ['https://exa mple.com/*', 'match-invalid'],
    ['', 'match-invalid'],
    ['https://example.com:8080/*', 'match-port'],
    ['https:///*', 'match-host'],
    ['https://a*.example.com/*', 'match-host'],
    ['https://-bad.example.com/*', 'match-host'],
    ['https://exa_mple.com/*', 'match-host'],
  ])('refuses %s (%s)', (pattern, problem) => {
    expect(parseMatchPattern(pattern)).toBe(problem);
  });
});

describe('matchesPattern: WebExtension semantics', () => {
  it.each([
    ['https://site.example/*', 'https://site.example/', true],
    ['https://site.example/*', 'https://site.example/a/b?c=1#d', true],
    ['https://site.example/*', 'http://site.example/', false],
    ['*://site.example/*', 'http://site.example/x', true],
    ['*://site.example/*', 'ftp://site.example/x', false],
    ['https://site.example/*', 'https://sub.site.example/', false],
    ['https://*.site.example/*', 'https://site.example/', true],
    ['https://*.site.example/*', 'https://a.b.site.example/', true],
    ['https://*.site.example/*', 'https://evilsite.example/', false],
    ['https://site.example/*', 'https://site.example.evil.test/', false],
    ['https://site.example/*', 'https://site.example:8443/x', true],
    ['https://site.example/tasks/*/do', 'https://site.example/tasks/1/2/do', true],
    ['https://site.example/tasks/*/do', 'https://site.example/tasks/1/do?x', false],
    ['https://site.example/tasks/*/do*', 'https://site.example/tasks/1/do?x', true],
    ['https://site.example/jobs.php', 'https://site.example/jobsXphp', false],
    ['https://site.example/a?b=*', 'https://site.example/a?b=1', true],
    ['https://site.example/A*', 'https://site.example/a', false],
    ['https://site.example/*', 'https://SITE.example/', true],
  ])('%s on %s → %s', (pattern, url, expected) => {
    expect(matchesPattern(pattern, new URL(url))).toBe(expected);
  });

  it('agrees with WXT MatchPattern on URLs without a query (given a string: a URL object needs `Location`)', () => {
    const patterns = ['https://site.example/*', '*://*.site.example/tasks/*', 'http://site.example/a*b'];
    const urls = ['https://site.example/', 'http://x.site.example/tasks/1', 'http://site.example/a/b', 'https://other.example/'];
    for (const p of patterns) for (const u of urls) expect(matchesPattern(p, new URL(u)), `${p} ${u}`).toBe(new MatchPattern(p).includes(u));
  });

  it('matches nothing for an invalid pattern', () => {
    expect(matchesPattern('<all_urls>', new URL('https://site.example/'))).toBe(false);
  });

  it('reads a path as a glob whose only wildcard is *, on any path and query', () => {
    // The reference: the same glob as a regular expression (what the matcher was before it stopped backtracking).
    const reference = (glob: string, text: string) =>
      new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 's').test(text);
    const piece = fc.constantFrom('a', 'b', '/', '?', '=', '*', 'ab');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), fc.array(fc.constantFrom('a', 'b', '/', '?', '=', 'x'), { maxLength: 12 }), (globParts, textParts) => {
        const glob = `/${globParts.join('')}`;
        const url = new URL(`https://site.example/${textParts.join('')}`);
        return matchesPattern(`https://site.example${glob}`, url) === reference(glob, url.pathname + url.search);
      }),
      { numRuns: 2000 },
    );
    // A long URL of many near-matches: read, and not taken for the rule's page.
    const long = new URL(`https://workplace.clickworker.com/en/workplace/jobs/1?q=${'/workplace/jobs/'.repeat(8000)}`);
    expect(matchesPattern('https://workplace.clickworker.com/*/workplace/jobs/*/edit*', long)).toBe(false);
    expect(matchesPattern('https://workplace.clickworker.com/*/workplace/jobs/*/edit*', new URL(`${long.href}/edit`))).toBe(true);
  });
});

describe('originPatternOf', () => {
  it.each([
    ['https://workplace.clickworker.com/*/workplace/jobs/*/edit*', 'https://workplace.clickworker.com/*'],
    ['*://*.RapidWorkers.com/*', '*://*.rapidworkers.com/*'],
  ])('%s → %s', (match, origin) => {
    expect(originPatternOf({ match })).toBe(origin);
  });

  it('is null for an invalid pattern', () => {
    expect(originPatternOf({ match: '*://*/*' })).toBeNull();
  });
});

describe('taskIdOf', () => {
  it('keeps host, path and meaningful query; drops scheme, fragment, trailing slash and tracking', () => {
    const id = taskIdOf(new URL('https://site.example/task/7/?utm_source=x&b=2&fbclid=q&a=1#top'));
    expect(id).toBe('site.example/task/7?a=1&b=2');
    expect(taskIdOf(new URL('http://site.example/task/7?b=2&a=1'))).toBe(id);
    expect(taskIdOf(new URL('https://site.example/task/8'))).not.toBe(id);
    expect(taskIdOf(new URL('https://site.example/'))).toBe('site.example/');
  });

  it('never keeps the worker’s own id that a survey or task site puts in its URL', () => {
    const url = 'https://tasks.example.net/task/42?workerId=A2WORKER0ID77&PROLIFIC_PID=5f1e2d3c4b5a69788796a5b4&assignmentId=3ASSIGN&participant_id=p9&STUDY_ID=s1';
    expect(taskIdOf(new URL(url))).toBe('tasks.example.net/task/42?STUDY_ID=s1&assignmentId=3ASSIGN');
  });

  it('bounds long ids and keeps them distinct', () => {
    const a = taskIdOf(new URL(`https://site.example/t?x=${'a'.repeat(300)}1`));
    const b = taskIdOf(new URL(`https://site.example/t?x=${'a'.repeat(300)}2`));
    expect(a.length).toBeLessThanOrEqual(200);
    expect(a).not.toBe(b);
  });
});

describe('withoutIdentity: ids stored before the worker’s own id left them', () => {
  const param = fc.constantFrom('a', 'b', 'STUDY_ID', 'workerId', 'PROLIFIC_PID', 'participant_id', 'user id', 'E-mail', 'utm_x', 'x=y', '&', '%');
  const value = fc.constantFrom('1', 'A2PLANTED', 'x y', 'é', '&=', '', '%2', 'w'.repeat(60));
  const url = fc
    .tuple(fc.constantFrom('/t/42', '/t/42/', '/'), fc.array(fc.tuple(param, value), { maxLength: 6 }))
    .map(([path, params]) => new URL(`https://tasks.example.net${path}?${new URLSearchParams(params).toString()}`));

  it('gives what taskIdOf now makes of the same URL, and null where the old id held no identity', () => {
    fc.assert(
      fc.property(url, (u) => {
        const old = oldTaskIdOf(u);
        fc.pre(old.length < 199);
        const clean = withoutIdentity(old);
        expect(clean ?? old).toBe(taskIdOf(u));
        expect(clean === null).toBe(old === taskIdOf(u));
        // Once clean, nothing more to drop.
        if (clean !== null) expect(withoutIdentity(clean)).toBeNull();
      }),
      { numRuns: 2000 },
    );
  });

  it('drops the worker’s id from the start of an id cut to 200 characters, even cut short, and keeps its hash', () => {
    for (let cut = 0; cut < 40; cut++) {
      // The workerId parameter straddles the place where the id was cut, one character further each time.
      const u = new URL(`https://tasks.example.net/t?a=${'x'.repeat(150 + cut)}&workerId=A2PLANTEDWORKER&zz=${'y'.repeat(80)}`);
      const old = oldTaskIdOf(u);
      expect(old).toHaveLength(199);
      const clean = withoutIdentity(old);
      const visible = old.slice(0, 190);
      if (!visible.includes('&workerId')) expect(clean).toBeNull();
      else {
        expect(clean).not.toContain('workerId');
        expect(clean).not.toContain('A2PL');
        expect(clean!.endsWith(old.slice(-9))).toBe(true);
        expect(withoutIdentity(clean!)).toBeNull();
      }
    }
  });
});

describe('validateRule', () => {
  it('accepts a complete rule and writes the host in lower case', () => {
    const result = validateRule(rule({ match: 'https://Work.Taskmill.example/tasks/*', name: '  Taskmill ' }));
    expect(result).toEqual({ ok: true, rule: rule() });
  });

  it.each<[string, Partial<CustomRule> | Record<string, unknown>, RuleProblem]>([
    ['all URLs', { match: '<all_urls>' }, { field: 'match', code: 'match-too-broad' }],
    ['any host', { match: '*://*/*' }, { field: 'match', code: 'match-too-broad' }],
    ['a bad scheme', { match: 'chrome://settings/*' }, { field: 'match', code: 'match-scheme' }],
    ['MTurk', { match: 'https://worker.mturk.com/*' }, { field: 'match', code: 'match-builtin' }],
    ['MTurk by its subdomains', { match: 'https://*.mturk.com/*' }, { field: 'match', code: 'match-builtin' }],
    ['Prolific', { match: '*://app.prolific.com/studies/*' }, { field: 'match', code: 'match-builtin' }],
    ['a broken title selector', { titleSelector: 'h1[' }, { field: 'titleSelector', code: 'selector-invalid' }],
    ['a broken reward selector', { rewardSelector: '.a >' }, { field: 'rewardSelector', code: 'selector-invalid' }],
    ['a broken submit selector', { submit: { kind: 'click', selector: '##x' } }, { field: 'submit', code: 'selector-invalid' }],
    ['no title selector', { titleSelector: undefined }, { field: 'titleSelector', code: 'required' }],
    ['a blank title selector', { titleSelector: '   ' }, { field: 'titleSelector', code: 'required' }],
    ['no submit selector', { submit: { kind: 'selector', selector: '' } }, { field: 'submit', code: 'required' }],
    ['a submit page on another site', { submit: { kind: 'url', pattern: 'https://other.example/done*' } }, { field: 'submit', code: 'submit-other-site' }],
    ['an invalid submit pattern', { submit: { kind: 'url', pattern: '/done' } }, { field: 'submit', code: 'match-invalid' }],
    ['an unknown submit kind', { submit: { kind: 'form', selector: 'form' } }, { field: 'submit', code: 'invalid' }],
    ['a currency that is not ISO 4217', { currency: 'XYZ' }, { field: 'currency', code: 'currency-invalid' }],
    ['a currency symbol', { currency: '€' }, { field: 'currency', code: 'currency-invalid' }],
    ['an empty name', { name: '  ' }, { field: 'name', code: 'required' }],
    ['a long name', { name: 'x'.repeat(61) }, { field: 'name', code: 'too-long' }],
    ['no name', { name: undefined }, { field: 'name', code: 'required' }],
    ['a bad id', { id: 'Task Mill' }, { field: 'id', code: 'invalid' }],
    ['a fractional threshold', { payoutThreshold: { minor: 9.5, currency: 'USD' } }, { field: 'payoutThreshold', code: 'threshold-invalid' }],
    ['a zero threshold', { payoutThreshold: { minor: 0, currency: 'USD' } }, { field: 'payoutThreshold', code: 'threshold-invalid' }],
    ['a threshold in no currency', { payoutThreshold: { minor: 900, currency: 'usd' } }, { field: 'payoutThreshold', code: 'threshold-invalid' }],
    ['a bad timing', { timing: 'later' }, { field: 'timing', code: 'invalid' }],
    ['a missing flag', { enabled: undefined }, { field: 'enabled', code: 'required' }],
  ])('refuses %s', (_, over, problem) => {
    expect(problems({ ...rule(), ...over })).toEqual([problem]);
  });

  it('reports every field with a problem at once, one problem per field', () => {
    const found = problems({ ...rule(), name: '', match: '<all_urls>', titleSelector: 'h1[', currency: 'usd' });
    expect(found).toEqual(
      expect.arrayContaining([
        { field: 'name', code: 'required' },
        { field: 'match', code: 'match-too-broad' },
        { field: 'titleSelector', code: 'selector-invalid' },
        { field: 'currency', code: 'currency-invalid' },
      ]),
    );
    expect(found).toHaveLength(4);
  });

  it('lets a rule that needs setup go without title and submit selectors, but not with broken ones', () => {
    const bare = { ...rule({ needsSetup: true, submit: { kind: 'click', selector: '' } }), titleSelector: undefined };
    expect(validateRule(bare).ok).toBe(true);
    expect(problems({ ...bare, titleSelector: 'h1[' })).toEqual([{ field: 'titleSelector', code: 'selector-invalid' }]);
  });

  it('refuses what is not a rule', () => {
    expect(problems(null)).toEqual([{ field: 'rule', code: 'invalid' }]);
    expect(problems([rule()])).toEqual([{ field: 'rule', code: 'invalid' }]);
  });

  it('takes an injected selector check (where there is no DOM)', () => {
    const seen: string[] = [];
    const check = (s: string) => (seen.push(s), s !== 'h1.task-title');
    expect(validateRule(rule(), check)).toEqual({ ok: false, problems: [{ field: 'titleSelector', code: 'selector-invalid' }] });
    expect(seen).toEqual(['h1.task-title', '.task-reward', 'button[type="submit"]']);
  });
});

describe('roughSelectorCheck (the service worker has no DOM)', () => {
  it.each(['h1.title', 'a[href="/x]"] > b', 'div:nth-of-type(2)', '[aria-label="a\\"b"]', 'p:not(.x, .y)'])('accepts %s', (s) => {
    expect(roughSelectorCheck(s)).toBe(true);
  });
  it.each(['', 'h1[', 'a)', 'div >', ', a', 'a{color:red}', '[x="y]', 'a;b'])('refuses %s', (s) => {
    expect(roughSelectorCheck(s)).toBe(false);
  });
});

describe('stored list of rules', () => {
  it('is a versioned kind that validates every rule and refuses duplicate ids', () => {
    expect(upgrade(customRulesKind, { v: 1, rules: [rule()] })).toEqual({ ok: true, value: { v: 1, rules: [rule()] }, migrated: false });
    expect(upgrade(customRulesKind, { v: 1, rules: [rule(), rule()] })).toMatchObject({ ok: false });
    expect(upgrade(customRulesKind, { v: 1, rules: [rule({ match: '*://*/*' })] })).toEqual({
      ok: false,
      error: 'custom rules: rules.0.match: match-too-broad',
    });
  });

  it('gives the same verdict as validateRule for one rule', () => {
    expect(customRuleSchema.safeParse(rule()).success).toBe(true);
    expect(customRuleSchema.safeParse(rule({ currency: 'XYZ' })).success).toBe(false);
  });
});
