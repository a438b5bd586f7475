import type { Rng } from './prng';

/**
 * Who posts the generated tasks, and what they are called: a fixed catalogue (the same on every run), varied
 * enough to fill lists and estimates, with the names real pages give (commas, quotes, accents, markup).
 */
export const HOSTILE_TITLE = `<script>alert("pwned")</script> Rate "this", that, and =SUM(A1) — 10 images`;
const HOSTILE_REQUESTER = `<img src=x onerror=alert(1)> "Data, Inc."`;

const UPPER = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const HEX = '0123456789abcdef';

export interface Requester {
  name: string;
  id: string;
}

/** MTurk requesters: a stable id each (the estimates group by it), drawn once from a fixed stream. */
export const MTURK_REQUESTERS: Requester[] = [
  'Stanford Vision Lab', 'Panel Surveys, Inc.', 'Acme "Data" Co, Ltd', 'Crowd Tasks LLC', 'Université de Montréal – Labo',
  '山田研究室', 'Product Research Group', 'Receipt Scanner', 'Audio Transcription Services', 'CMU Language Lab',
  'Sentiment Labs', 'Local Search Quality', HOSTILE_REQUESTER, 'Bob\'s Surveys', 'MindSight Research',
  'Image Tagging Co.', 'Harvard Decision Science Lab', 'Web Data Collection', 'Data Labeling, Inc.', 'Psych Study Team',
].map((name, i) => ({ name, id: `A${(i * 7_919 + 104_729).toString(36).toUpperCase().padStart(12, 'Q')}X` }));

const MTURK_TITLES = [
  'Answer a short survey about {topic} (~{n} minutes)', 'Transcribe {n} receipts', 'Categorize the sentiment of a tweet',
  'Find the company website for a business', 'Label the objects in {n} street images', 'Is this product review helpful?',
  'Draw boxes around every {thing}', 'Rate the relevance of {n} search results', 'Transcribe a {n}-second audio clip',
  'Academic survey on {topic}, ages 18+ ({n} min)', HOSTILE_TITLE, 'Write one sentence describing a photo',
];

const PROLIFIC_HOSTS = [
  'University of Oxford', 'Behavioural Lab, UCL', 'Max Planck Institute', 'King\'s College London', 'Dr. A. Smith',
  'Decision Lab "DL"', 'University of Amsterdam', 'Cognition & Memory Group', HOSTILE_REQUESTER, 'LSE Behavioural Lab',
];
const PROLIFIC_TITLES = [
  'A study about decision making', 'Short survey on news consumption ({n} mins)', 'Memory and attention task',
  'Your views on {topic}', 'How do people judge faces?', 'Language learning experience survey', 'Moral dilemmas, part {n}',
  HOSTILE_TITLE, 'Follow-up study (invited participants only)',
];

const CLICKWORKER_TITLES = [
  'UHRS: Search relevance judgement', 'Write a product description (German)', 'Photo task: shop shelf',
  'Check the address of a business', 'Categorise {n} products', 'Short text, 100 words, about {topic}',
];

const MANUAL_TITLES = ['Offline transcription', 'Focus group (Zoom)', 'Survey on paper', 'User test by phone'];

const TOPICS = ['climate', 'online shopping', 'sleep', 'social media', 'politics', 'food', 'work from home', 'music'];
const THINGS = ['car', 'pedestrian', 'traffic sign', 'bicycle', 'tree'];

function fill(r: Rng, template: string): string {
  return template.replace('{topic}', r.pick(TOPICS)).replace('{n}', String(r.int(2, 25))).replace('{thing}', r.pick(THINGS));
}

/** An MTurk title and the index of its template: a group (HIT set) is one requester's one kind of task. */
export function mturkTitle(r: Rng): { title: string; template: number } {
  const template = r.int(0, MTURK_TITLES.length - 1);
  return { title: fill(r, MTURK_TITLES[template]!), template };
}
export const prolificTitle = (r: Rng) => fill(r, r.pick(PROLIFIC_TITLES));
export const prolificHost = (r: Rng) => r.pick(PROLIFIC_HOSTS);
export const clickworkerTitle = (r: Rng) => fill(r, r.pick(CLICKWORKER_TITLES));
export const manualTitle = (r: Rng) => r.pick(MANUAL_TITLES);

/** MTurk's ids: assignment and HIT ids are 30 characters; a group (HIT set) is a requester's kind of task. */
export const mturkId = (r: Rng) => `3${r.chars(UPPER, 29)}`;
export const mturkGroup = (requester: number, title: number) => `3GRP${String(requester).padStart(2, '0')}${String(title).padStart(2, '0')}${'K'.repeat(22)}`;
export const prolificId = (r: Rng) => r.chars(HEX, 24);
export const clickworkerId = (r: Rng) => `${r.int(1_000_000, 9_999_999)}-${r.chars('0123456789', 8)}`;
