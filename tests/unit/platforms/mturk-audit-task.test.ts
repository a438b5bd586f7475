// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { mturk } from '../../../lib/platforms/mturk';
import { taskSnapshotSchema } from '../../../lib/storage/schemas';
import { A, G, H, M, modal, NOW, page, parsers, propsEl, TASK_URL, WORKER_ID } from './mturk-audit-page';

/** An MTurk task page (DESIGN.md): the HIT Details modal, the completion timer and the work pipeline's submitter. */
function taskPage(modalProps: unknown, extra = '') {
  return page(
    `<div class="work-pipeline-bottom-bar">${propsEl('ShowModal', modalProps)}` +
      propsEl('CompletionTimer', { originalTimeToCompleteInSeconds: 3600, timeRemainingInSeconds: 3540 }) +
      propsEl('TaskSubmitter', { hiddenFormParams: { task_id: H, assignment_id: A } }, "require('reactComponents/workPipeline/TaskSubmitter')['default']") +
      `${extra}</div><iframe class="embed-responsive-item" src="https://requester.example.org/hit?workerId=${WORKER_ID}"></iframe>`,
  );
}

describe.each(parsers)('MTurk task page (%s)', (_name, parse) => {
  const read = (html: string, url = TASK_URL) => {
    const task = mturk.readTask(parse(html), new URL(url), NOW);
    if (task) expect(taskSnapshotSchema.safeParse(task).error).toBeUndefined();
    if (task) expect(JSON.stringify(task)).not.toContain(WORKER_ID);
    return task;
  };
  const reward = (monetaryReward: unknown) => read(taskPage(modal({ monetaryReward })))?.reward;

  it('reads the reward in integer minor units, from a number or a numeric string', () => {
    expect(reward({ amountInDollars: 0.29, currencyCode: 'USD' })).toEqual({ minor: 29, currency: 'USD' });
    expect(reward({ amountInDollars: '0.29', currencyCode: 'USD' })).toEqual({ minor: 29, currency: 'USD' });
    expect(reward({ amountInDollars: 0.07, currencyCode: 'USD' })).toEqual({ minor: 7, currency: 'USD' });
    expect(reward({ amountInDollars: 0, currencyCode: 'USD' })).toEqual({ minor: 0, currency: 'USD' });
    expect(reward({ amountInDollars: 1_000_000, currencyCode: 'USD' })).toEqual({ minor: 100_000_000, currency: 'USD' });
    expect(reward({ amountInDollars: 12_345_678.91, currencyCode: 'USD' })).toEqual({ minor: 1_234_567_891, currency: 'USD' });
  });

  it('takes dollars when the currency is missing, and the currency the page names otherwise', () => {
    expect(reward({ amountInDollars: 1.5 })).toEqual({ minor: 150, currency: 'USD' });
    expect(reward({ amountInDollars: 1.2, currencyCode: 'GBP' })).toEqual({ minor: 120, currency: 'GBP' });
    // An ISO code in lower case is still that currency.
    expect(reward({ amountInDollars: 1.2, currencyCode: 'gbp' })).toEqual({ minor: 120, currency: 'GBP' });
  });

  it('reads an amount the props carry formatted as the page shows it ("$0.50")', () => {
    expect(reward({ amountInDollars: '$0.50', currencyCode: 'USD' })).toEqual({ minor: 50, currency: 'USD' });
    expect(reward({ amountInDollars: '$1,234.56' })).toEqual({ minor: 123_456, currency: 'USD' });
  });

  it('refuses an amount it cannot read exactly: null, named missing, never a wrong number', () => {
    for (const amountInDollars of [-1, '-0.50', '1e400', 'free', null, '$0.50 or more']) {
      const task = read(taskPage(modal({ monetaryReward: { amountInDollars, currencyCode: 'USD' } })));
      expect(task?.reward, String(amountInDollars)).toBeNull();
      expect(task?.missing).toEqual(['reward']);
    }
    // A pound amount is never read as dollars, whatever its text.
    expect(reward({ amountInDollars: '$0.50', currencyCode: 'GBP' })).toBeNull();
    // Past $100,000,000 (MAX_MINOR) no platform pays: the task is read and timed, its reward asked, never summed.
    expect(reward({ amountInDollars: 100_000_000.01, currencyCode: 'USD' })).toBeNull();
    expect(reward({ amountInDollars: '90071992547409.91', currencyCode: 'USD' })).toBeNull();
    expect(reward({ amountInDollars: 100_000_000, currencyCode: 'USD' })).toEqual({ minor: 10_000_000_000, currency: 'USD' });
  });

  it('leaves the time allotted out when the modal does not give it', () => {
    const task = read(taskPage(modal({ assignmentDurationInSeconds: undefined })));
    expect(task?.timeAllottedSec).toBeUndefined();
    expect(task?.reward).toEqual({ minor: 50, currency: 'USD' });
  });

  it('dates the accept from CompletionTimer, or from the older CountdownTimer', () => {
    expect(read(taskPage(modal({})))?.acceptedAt).toBe(NOW - 60_000);
    const older = page(
      propsEl('ShowModal', modal({})) + propsEl('CountdownTimer', { originalTimeToCompleteInSeconds: 1800, timeRemainingInSeconds: 1200 }),
    );
    expect(read(older)?.acceptedAt).toBe(NOW - 600_000);
  });

  it('dates nothing from a timer whose time left exceeds its original time or is negative', () => {
    for (const timeRemainingInSeconds of [4000, -5]) {
      const html = page(propsEl('ShowModal', modal({})) + propsEl('CompletionTimer', { originalTimeToCompleteInSeconds: 3600, timeRemainingInSeconds }));
      const task = read(html);
      expect(task?.acceptedAt).toBeUndefined();
      expect(task?.taskId).toBe(A);
    }
  });

  it('reads the component whatever quotes or prefix its data-react-class is written with', () => {
    for (const cls of [
      `require("reactComponents/common/ShowModal")["default"]`,
      `require('reactComponents/common/ShowModal').default`,
      `require('reactComponents/common/ShowModal')`,
      `reactComponents/common/ShowModal`,
      `ShowModal`,
    ]) {
      const task = read(page(propsEl('ShowModal', modal({ projectTitle: 'Quoted' }), cls)));
      expect(task?.title, cls).toBe('Quoted');
    }
    // Another component whose name only contains it is not it.
    const other = read(page(propsEl('ShowModal', modal({ projectTitle: 'Other' }), `require('reactComponents/common/ShowModalButton')['default']`)));
    expect(other?.missing).toEqual(['title', 'reward', 'requester']);
  });

  it('survives malformed JSON in one props element without losing the others', () => {
    const html = page(
      propsEl('ShowModal', '{"modalHeader":"HIT Details","modalOptions":{') +
        propsEl('ShowModal', modal({ projectTitle: 'Second copy' })) +
        propsEl('CompletionTimer', '{not json') +
        propsEl('CountdownTimer', { originalTimeToCompleteInSeconds: 600, timeRemainingInSeconds: 590 }),
    );
    const task = read(html);
    expect(task?.title).toBe('Second copy');
    expect(task?.acceptedAt).toBe(NOW - 10_000);
  });

  it('reads the "HIT Details" modal when the page holds another ShowModal before it', () => {
    const html = page(
      propsEl('ShowModal', { modalHeader: 'Report this HIT', modalOptions: { reportUrl: '/report' } }) +
        propsEl('ShowModal', modal({ projectTitle: 'The real one', monetaryReward: { amountInDollars: 0.75, currencyCode: 'USD' } })),
    );
    const task = read(html);
    expect(task).toMatchObject({ title: 'The real one', requesterName: 'Lab', reward: { minor: 75, currency: 'USD' } });
    expect(task?.missing).toBeUndefined();
  });

  it('decodes HTML entities of the attribute once: the text is what the page shows', () => {
    const html = page(
      `<div data-react-class="require(&#39;reactComponents/common/ShowModal&#39;)[&#39;default&#39;]" data-react-props="{&quot;modalOptions&quot;:{&quot;projectTitle&quot;:&quot;Q&amp;amp;A &lt;b&gt;x&lt;/b&gt; \\&quot;quoted\\&quot;&quot;,&quot;requesterName&quot;:&quot;O&#39;Reilly &amp; Co&quot;,&quot;monetaryReward&quot;:{&quot;amountInDollars&quot;:0.1,&quot;currencyCode&quot;:&quot;USD&quot;}}}"></div>`,
    );
    const task = read(html);
    expect(task?.title).toBe('Q&amp;A <b>x</b> "quoted"');
    expect(task?.requesterName).toBe("O'Reilly & Co");
    expect(task?.reward).toEqual({ minor: 10, currency: 'USD' });
  });
});

describe.each(parsers)('hostile titles and requester names (%s)', (_name, parse) => {
  const read = (projectTitle: string, requesterName = 'Lab') => {
    const task = mturk.readTask(parse(taskPage(modal({ projectTitle, requesterName }))), new URL(TASK_URL), NOW);
    expect(task).not.toBeNull();
    expect(taskSnapshotSchema.safeParse(task).error).toBeUndefined();
    return task!;
  };

  it.each([
    '<img src=x onerror=alert(1)>',
    '</script><script>alert(1)</script>',
    'Survey \u202Eevil\u202C about you',
    'Zero\u200Bwidth\u200Djoiner',
    '😀 Survey 👩‍👩‍👧 (5 min)',
    '"quoted" & <tagged>',
  ])('keeps %j as text, unchanged', (title) => {
    const task = read(title, title);
    expect(task.title).toBe(title);
    expect(task.requesterName).toBe(title);
    expect(task.missing).toBeUndefined();
  });

  it('trims leading and trailing white space and shows inner newlines and tabs as one space, as the page does', () => {
    const task = read('  \n  Survey about\n\n everyday\tdecisions \n', '\n Lab \n Co ');
    expect(task.title).toBe('Survey about everyday decisions');
    expect(task.requesterName).toBe('Lab Co');
  });

  it('cuts a 5,000-character title to the stored bound instead of losing it', () => {
    const task = read('Transcribe '.repeat(455), 'R'.repeat(300));
    expect(task.title).toHaveLength(500);
    expect(task.title.startsWith('Transcribe Transcribe')).toBe(true);
    expect(task.title.endsWith('…')).toBe(true);
    expect(task.requesterName).toHaveLength(200);
    expect(task.missing).toBeUndefined();
  });

  it('never cuts inside an emoji (a surrogate pair)', () => {
    const task = read('😀'.repeat(400));
    expect(task.title.length).toBeLessThanOrEqual(500);
    expect(task.title).toBe(`${'😀'.repeat(249)}…`);
    expect(task.title.isWellFormed?.() ?? !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(task.title)).toBe(true);
  });

  it('reads a title of only white space as missing, never as blanks', () => {
    const task = read(' \n\t ');
    expect(task.title).toBe('');
    expect(task.missing).toEqual(['title']);
  });
});

describe.each(parsers)('the worker’s own ID never leaves a page (%s)', (_name, parse) => {
  it('is in no reader’s output on a task page whose props are gone (the visible-text fallback)', () => {
    const html = page(
      `<div class="task-project-title">Label images</div><span class="detail-bar-label">Requester</span><span class="detail-bar-value">Lab</span>` +
        `<span class="detail-bar-label">Reward</span><span class="detail-bar-value">$0.50</span>` +
        `<iframe class="embed-responsive-item" src="https://requester.example.org/hit?workerId=${WORKER_ID}"></iframe>`,
    );
    const task = mturk.readTask(parse(html), new URL(TASK_URL), NOW);
    expect(task).toMatchObject({ title: 'Label images', requesterName: 'Lab', reward: { minor: 50, currency: 'USD' } });
    expect(JSON.stringify(task)).not.toContain(WORKER_ID);
  });

  it('is in no reader’s output on any MTurk page kind', () => {
    const doc = parse(page('<p>Current Earnings: $1.00</p>'));
    for (const path of ['/dashboard', '/earnings', '/tasks', '/projects', '/status_details/2026-11-20', `/projects/${G}/tasks/${H}?assignment_id=${A}`]) {
      const url = new URL(`${M}${path}`);
      const out = [mturk.readTask(doc, url, NOW), mturk.readListing?.(doc, url), mturk.readQueue?.(doc, url, NOW), mturk.readDashboard?.(doc, url), mturk.readEarnings?.(doc, url), mturk.readBalances?.(doc, url), mturk.readStatusDetails?.(doc, url)];
      expect(JSON.stringify(out), path).not.toContain(WORKER_ID);
    }
  });
});
