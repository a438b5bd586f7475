// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { customAdapter } from '../../../lib/platforms/custom';
import { isIdentityParam, taskIdOf, type CustomRule } from '../../../lib/platforms/custom-rule';

// Audit of the custom-site adapter: rules as a worker types them, pages as sites write them.
const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');
const URL_ = new URL('https://tasks.example.net/task/42');

const rule = (over: Partial<CustomRule> = {}): CustomRule => ({
  id: 'tasks',
  name: 'Tasks',
  match: 'https://tasks.example.net/task/*',
  titleSelector: 'h1',
  rewardSelector: '.reward',
  currency: 'EUR',
  submit: { kind: 'selector', selector: '.thanks' },
  timing: 'internal',
  enabled: true,
  ...over,
});

const rewardOn = (text: string, over: Partial<CustomRule> = {}) =>
  customAdapter(rule(over)).readTask(parse(`<h1>Label images</h1><span class="reward">${text}</span>`), URL_)?.reward ?? null;

describe('custom site rewards', () => {
  it.each([
    ['€1.50', { minor: 150, currency: 'EUR' }],
    ['$0.50', { minor: 50, currency: 'USD' }],
    ['1,50', { minor: 150, currency: 'EUR' }],
    ['1,50 EUR', { minor: 150, currency: 'EUR' }],
    // A number with words around it, in the element the worker picked as the reward: the rule's currency.
    ['Reward: 1.50', { minor: 150, currency: 'EUR' }],
    ['Pay 0,50', { minor: 50, currency: 'EUR' }],
    ['0.50 per task', { minor: 50, currency: 'EUR' }],
    ['Reward:\n  1 234,50', { minor: 123450, currency: 'EUR' }],
    ['Reward€1.50', { minor: 150, currency: 'EUR' }],
  ])('%j', (text, expected) => {
    expect(rewardOn(text)).toEqual(expected);
  });

  it('reads no reward from a duration, several numbers or no number', () => {
    for (const text of ['10 mins', '5 min', 'Task 7: 0.50 for 3 answers', 'Free', '']) expect(rewardOn(text)).toBeNull();
  });

  it('names the reward missing when its selector finds none', () => {
    const task = customAdapter(rule()).readTask(parse('<h1>Label images</h1><span class="reward">10 mins</span>'), URL_);
    expect(task?.missing).toEqual(['reward']);
  });
});

describe('custom site selectors typed by a worker', () => {
  it.each(['h1[', ':has(', 'div:nth-child(', '#', '>>>', '\\', 'a:contains(x)', '!!'])('never throws on %j', (selector) => {
    const adapter = customAdapter(rule({ titleSelector: selector, rewardSelector: selector, submit: { kind: 'click', selector } }));
    const doc = parse('<h1>Title</h1><span class="reward">€1</span><button>Submit</button>');
    expect(() => adapter.pageKind(doc, URL_)).not.toThrow();
    expect(() => adapter.readTask(doc, URL_)).not.toThrow();
    expect(adapter.isSubmitClick(doc.querySelector('button')!)).toBe(false);
    const selectorRule = customAdapter(rule({ submit: { kind: 'selector', selector } }));
    expect(selectorRule.isSubmitted(doc, URL_)).toBe(false);
  });
});

describe('custom site task ids never keep the worker’s own id', () => {
  it('drops identity parameters in any case, spelling or encoding', () => {
    const url = new URL(
      'https://tasks.example.net/task/42?workerId=A1&WORKERID=A2&worker_id=A3&worker-id=A4&wor%6BerId=A5&PROLIFIC_PID=p1' +
        '&prolific_pid=p2&prolific-pid=p3&participant_id=q1&participantId=q2&PARTICIPANT-ID=q3&E_mail=a%40b&step=2',
    );
    expect(taskIdOf(url)).toBe('tasks.example.net/task/42?step=2');
  });

  it('keeps the parameters that name the task', () => {
    expect(taskIdOf(new URL('https://tasks.example.net/task/42?STUDY_ID=s1&assignmentId=a1&SESSION_ID=x'))).toBe(
      'tasks.example.net/task/42?SESSION_ID=x&STUDY_ID=s1&assignmentId=a1',
    );
    for (const name of ['task_id', 'workers', 'pid', 'study_id']) expect(isIdentityParam(name)).toBe(false);
  });
});
