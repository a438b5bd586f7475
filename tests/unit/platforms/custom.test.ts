// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { customAdapter, isSubmitClick, isSubmitted, isSubmitUrl } from '../../../lib/platforms/custom';
import type { CustomRule } from '../../../lib/platforms/custom-rule';
import { presets } from '../../../lib/platforms/presets';
import { taskSnapshotSchema } from '../../../lib/storage/schemas';

// Tests run from the repository root (happy-dom gives import.meta.url no file: scheme).
const html = readFileSync('tests/fixtures-custom/task-page.html', 'utf8');
const parse = (source: string) => new DOMParser().parseFromString(source, 'text/html');
const TASK_URL = new URL('https://work.taskmill.example/tasks/48213/do?utm_source=mail');

const rule = (over: Partial<CustomRule> = {}): CustomRule => ({
  id: 'taskmill',
  name: 'Taskmill',
  match: 'https://work.taskmill.example/tasks/*/do*',
  titleSelector: 'h1.task-title',
  rewardSelector: '.task-reward',
  currency: 'EUR',
  submit: { kind: 'click', selector: 'form.task-form button[type="submit"]' },
  timing: 'internal',
  enabled: true,
  ...over,
});

describe('customAdapter on a saved task page', () => {
  const adapter = customAdapter(rule());
  const doc = parse(html);

  it('names itself after the rule', () => {
    expect(adapter).toMatchObject({ id: 'custom:taskmill', name: 'Taskmill', matches: ['https://work.taskmill.example/*'] });
    // Its task pages are the rule's pattern; the rest of the site is its platform time.
    expect(adapter.taskIdFromUrl(new URL('https://work.taskmill.example/jobs'))).toBeNull();
  });

  it('reads the task: title collapsed, reward in the page currency, the site as requester', () => {
    expect(adapter.pageKind(doc, TASK_URL)).toBe('task');
    expect(adapter.readTask(doc, TASK_URL)).toEqual({
      platform: 'custom:taskmill',
      taskId: 'work.taskmill.example/tasks/48213/do',
      title: 'Categorise product photos (batch 7)',
      requesterName: 'Taskmill',
      reward: { minor: 120, currency: 'EUR' },
    });
  });

  it('gives what the background schema accepts, apart from the `custom:` prefix it must allow', () => {
    const task = adapter.readTask(doc, TASK_URL)!;
    expect(taskSnapshotSchema.safeParse({ ...task, platform: 'custom-taskmill' }).success).toBe(true);
  });

  it('is not a task off its pattern', () => {
    expect(adapter.pageKind(doc, new URL('https://work.taskmill.example/tasks'))).toBe('other');
    expect(adapter.readTask(doc, new URL('https://work.taskmill.example/earnings'))).toBeNull();
    expect(adapter.taskIdFromUrl(new URL('https://work.taskmill.example/earnings'))).toBeNull();
  });

  // Issue 19, time first: this rule's pattern names its task pages (`/tasks/*/do*`), so a page whose title the
  // selector no longer finds (the site changed) is still timed, its title named missing.
  it('times a task page its pattern names even when the title is missing or blank, and says so', () => {
    expect(adapter.pageKind(parse('<h1 class="task-title">  \n </h1>'), TASK_URL)).toBe('task');
    expect(adapter.readTask(parse('<p>Renamed</p>'), TASK_URL)).toMatchObject({ title: '', reward: null, missing: ['title', 'reward'] });
  });

  it('needs the title where the pattern names the whole site, or the work is done elsewhere', () => {
    for (const other of [rule({ match: 'https://work.taskmill.example/*' }), rule({ timing: 'external' })]) {
      const a = customAdapter(other);
      expect(a.pageKind(parse('<h1 class="task-title">  \n </h1>'), TASK_URL)).toBe('other');
      expect(a.readTask(parse('<p>Logged out</p>'), TASK_URL)).toBeNull();
    }
  });

  // Issue 19: a reward the rule's selector no longer finds is named missing; the task is timed all the same.
  it('names a reward its selector no longer finds as missing, and asks for none where the rule has no selector', () => {
    expect(adapter.readTask(parse('<h1 class="task-title">T</h1>'), TASK_URL)).toMatchObject({ title: 'T', reward: null, missing: ['reward'] });
    expect(adapter.readTask(doc, TASK_URL)?.missing).toBeUndefined();
    expect(customAdapter(rule({ rewardSelector: undefined })).readTask(doc, TASK_URL)?.missing).toBeUndefined();
  });

  it('takes a bare reward in the rule currency, and no reward as null', () => {
    const page = parse('<h1 class="task-title">T</h1><span class="task-reward">0.45</span>');
    expect(customAdapter(rule({ currency: 'USD' })).readTask(page, TASK_URL)?.reward).toEqual({ minor: 45, currency: 'USD' });
    expect(customAdapter(rule({ rewardSelector: undefined })).readTask(doc, TASK_URL)?.reward).toBeNull();
    expect(customAdapter(rule({ rewardSelector: '.nothing' })).readTask(doc, TASK_URL)?.reward).toBeNull();
  });

  it('bounds the title to 500 characters', () => {
    const page = parse(`<h1 class="task-title">${'word '.repeat(400)}</h1>`);
    expect(adapter.readTask(page, TASK_URL)?.title).toHaveLength(500);
  });

  it('never throws on a selector the engine refuses: it finds nothing', () => {
    const broken = customAdapter(rule({ titleSelector: 'h1[', submit: { kind: 'click', selector: 'a[' } }));
    // Found nothing: the task page its pattern names is timed with its title missing.
    expect(broken.readTask(doc, TASK_URL)?.missing).toContain('title');
    expect(broken.isSubmitClick(doc.body)).toBe(false);
  });

  it('names the same task whatever the tracking parameters or fragment', () => {
    const id = adapter.taskIdFromUrl(TASK_URL);
    expect(adapter.taskIdFromUrl(new URL('https://work.taskmill.example/tasks/48213/do#photo-2'))).toBe(id);
    expect(adapter.taskIdFromUrl(new URL('https://work.taskmill.example/tasks/48214/do'))).not.toBe(id);
  });

  it('needs setup: with no title selector it times nothing', () => {
    const bare = customAdapter({ ...rule({ needsSetup: true }), titleSelector: undefined });
    expect(bare.pageKind(doc, TASK_URL)).toBe('other');
    expect(bare.readTask(doc, TASK_URL)).toBeNull();
  });
});

describe('submit detection', () => {
  const doc = parse(html);

  it('click: the submit control or anything inside it, nothing else', () => {
    const r = rule();
    const button = doc.querySelector('button.btn-primary')!;
    const icon = button.appendChild(doc.createElement('i'));
    expect(isSubmitClick(button, r)).toBe(true);
    expect(isSubmitClick(icon, r)).toBe(true);
    expect(isSubmitClick(doc.querySelector('button.btn:not(.btn-primary)')!, r)).toBe(false);
    expect(isSubmitted(doc, TASK_URL, r)).toBe(false);
    expect(customAdapter(r).isSubmitClick(icon)).toBe(true);
  });

  it('selector: the confirmation element is on the page', () => {
    const r = rule({ submit: { kind: 'selector', selector: '.alert-success' } });
    expect(isSubmitted(doc, TASK_URL, r)).toBe(false);
    expect(isSubmitted(parse('<div class="alert-success">Thanks!</div>'), TASK_URL, r)).toBe(true);
    expect(isSubmitClick(doc.body, r)).toBe(false);
  });

  it('url: the page the site opens on submit, with match-pattern semantics', () => {
    const r = rule({ submit: { kind: 'url', pattern: 'https://work.taskmill.example/tasks/*/done*' } });
    const done = new URL('https://work.taskmill.example/tasks/48213/done?next=1');
    expect(isSubmitUrl(done, r)).toBe(true);
    expect(isSubmitted(parse(''), done, r)).toBe(true);
    expect(customAdapter(r).isSubmitted(parse(''), done)).toBe(true);
    expect(isSubmitUrl(TASK_URL, r)).toBe(false);
    expect(isSubmitUrl(new URL('http://work.taskmill.example/tasks/1/done'), r)).toBe(false);
  });

  it('an empty selector or pattern (a rule still being set up) detects nothing', () => {
    expect(isSubmitted(doc, TASK_URL, rule({ submit: { kind: 'selector', selector: '' } }))).toBe(false);
    expect(isSubmitUrl(TASK_URL, rule({ submit: { kind: 'url', pattern: '' } }))).toBe(false);
    expect(isSubmitClick(doc.body, rule({ submit: { kind: 'click', selector: ' ' } }))).toBe(false);
  });
});

describe('presets as adapters', () => {
  it('never claim a page before they are set up', () => {
    for (const preset of presets) {
      const adapter = customAdapter(preset);
      expect(adapter.id).toBe(`custom:${preset.id}`);
      expect(adapter.pageKind(parse(html), TASK_URL)).toBe('other');
    }
  });

  it('Connect: its completion page is a submit', () => {
    const connect = presets.find((p) => p.id === 'connect')!;
    expect(isSubmitUrl(new URL('https://connect.cloudresearch.com/participant/project/ABC123/complete'), connect)).toBe(true);
    expect(isSubmitUrl(new URL('https://connect.cloudresearch.com/participant/dashboard'), connect)).toBe(false);
  });

  it('Microworkers: the save page after a TTV task, on either task host', () => {
    const mw = presets.find((p) => p.id === 'microworkers')!;
    expect(customAdapter(mw).taskIdFromUrl(new URL('https://ttv.microworkers.com/dotask/run/abc_HG'))).toBe('ttv.microworkers.com/dotask/run/abc_HG');
    expect(customAdapter(mw).taskIdFromUrl(new URL('https://ttv.microworkers.com/dotask/info/abc_HG'))).toBeNull();
    expect(isSubmitUrl(new URL('https://ttv.microworkers.com/dotask/save'), mw)).toBe(true);
    expect(isSubmitUrl(new URL('https://taskv2.microworkers.com/dotask/save'), mw)).toBe(true);
  });
});
