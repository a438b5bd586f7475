/* global structuredClone */
// The pages the page-cost bench loads, answered from the saved fixtures at the platforms' real URLs (so content
// scripts run on their real match patterns): an MTurk task page, an MTurk queue of 200 HITs and Prolific's studies.
import { readFileSync } from 'node:fs';

const ROOT = new URL('../../', import.meta.url);
const fixture = (path) => readFileSync(new URL(`tests/fixtures/${path}`, ROOT), 'utf8');
const sidecar = (path) => JSON.parse(fixture(path));

const ATTR = "data-react-props=\"";
const decode = (s) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const encode = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** A 30-character id like MTurk's, different for each `n`. */
const id = (prefix, n) => (prefix + String(n).padStart(6, '0') + 'X'.repeat(30)).slice(0, 30);

/**
 * The real queue fixture with its `TaskQueueTable` grown to `count` rows: each a copy of the fixture's first
 * complete row (its structure exactly: DESIGN.md, "Queue /tasks") with its own ids, title and reward.
 */
export function queueOf(count) {
  const html = fixture('mturk/queue.html');
  const marker = "taskQueueTable/TaskQueueTable";
  const at = html.indexOf(ATTR, html.indexOf(marker)) + ATTR.length;
  const end = html.indexOf('"', at);
  const props = JSON.parse(decode(html.slice(at, end)));
  const model = props.bodyData.find((row) => row.project && row.assignment_id);
  props.bodyData = Array.from({ length: count }, (_, i) => {
    const row = structuredClone(model);
    const [group, hit, assignment] = [id('3G', i % 40), id('3H', i), id('3A', i)];
    row.assignment_id = assignment;
    row.task_id = hit;
    row.task_url = `/projects/${group}/tasks/${hit}?assignment_id=${assignment}&from_queue=true`;
    row.expired_task_action_url = `/projects/${group}/tasks/${hit}?assignment_id=${assignment}&ref=w_retq`;
    row.time_to_deadline_in_seconds = 600 + i * 7;
    row.project.hit_set_id = group;
    row.project.requester_id = `AREQ${String(i % 25).padStart(4, '0')}`;
    row.project.title = `${model.project.title} #${i + 1}`;
    row.project.monetary_reward.amount_in_dollars = Math.round(5 + ((i * 37) % 300)) / 100;
    return row;
  });
  return html.slice(0, at) + encode(JSON.stringify(props)) + html.slice(end);
}

const HIT = '<!DOCTYPE html><html><body><form method="post" action="https://www.mturk.com/mturk/externalSubmit">' +
  '<label>Answer <input name="answer"></label><button>Submit</button></form></body></html>';

const task = sidecar('mturk/task-page.json').url;
const queue = sidecar('mturk/queue.json').url;
const studies = sidecar('prolific/studies.json').url;

/** Each page: a name, its URL, and its route table (origin + path → HTML). */
export const PAGES = [
  { name: 'mturk-task', kind: 'task', url: task, routes: { [key(task)]: fixture('mturk/task-page.html'), 'https://requester.example.org/hit.html': HIT } },
  { name: 'mturk-queue-200', kind: 'other', url: queue, routes: { [key(queue)]: queueOf(200) } },
  { name: 'prolific-studies', kind: 'other', url: studies, routes: { [key(studies)]: fixture('prolific/studies.html') } },
];

function key(url) {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
}
export { key as routeKey };
