import { describe, expect, it } from 'vitest';
import { statusDetailsFromJson } from '../../lib/platforms/mturk';
import { statusDetailsSchema } from '../../lib/storage/platform-schemas';

describe('statusDetailsFromJson', () => {
  // The `?format=json` answer of /status_details/2026-11-20?page_number=1: the same rows as the page's props.
  const answer = {
    results: [
      {
        assignment_id: '3AB7XZ1Q4T6Y8U0I2O4P6A8S0D2F4G',
        hit_id: '3W1K9P4M7Q2X5Z8C1V4B7N0L3J6H9A',
        state: 'Approved',
        title: 'Short survey <Round 2>',
        requester_id: 'A3QX7PLM2ZK9RT',
        requester_name: 'Jones & Partners',
        reward: { amount_in_dollars: 1.25, currency_code: 'USD' },
        requester_feedback: null,
      },
      { assignment_id: '3D4F6G8H0J2K4L6Z8X0C2V4B6N8M0Q', hit_id: '3E5R7T9Y1U3I5O7P9A1S3D5F7G9H1J', state: 'Paid', reward: 0.05 },
      { assignment_id: 'no good', hit_id: '3E5R', state: 'Paid', reward: 0.05 },
      'not a row',
    ],
    num_results: 4,
    total_num_results: 57,
    page_number: 1,
  };

  it('reads the rows, how many results the page held and the day’s total', () => {
    const result = statusDetailsFromJson(answer, '2026-11-20');
    expect(result).toEqual({
      rows: [
        {
          assignmentId: '3AB7XZ1Q4T6Y8U0I2O4P6A8S0D2F4G',
          hitId: '3W1K9P4M7Q2X5Z8C1V4B7N0L3J6H9A',
          state: 'Approved',
          title: 'Short survey <Round 2>',
          requesterName: 'Jones & Partners',
          requesterId: 'A3QX7PLM2ZK9RT',
          reward: { minor: 125, currency: 'USD' },
          date: '2026-11-20',
        },
        {
          assignmentId: '3D4F6G8H0J2K4L6Z8X0C2V4B6N8M0Q',
          hitId: '3E5R7T9Y1U3I5O7P9A1S3D5F7G9H1J',
          state: 'Paid',
          title: '',
          requesterName: '',
          reward: { minor: 5, currency: 'USD' },
          date: '2026-11-20',
        },
      ],
      count: 4,
      total: 57,
    });
    expect(statusDetailsSchema.safeParse(result?.rows).success).toBe(true);
  });

  it('gives no total when the answer says none (the refresh then reads on to an empty page)', () => {
    expect(statusDetailsFromJson({ results: answer.results.slice(0, 2) }, '2026-11-20')).toMatchObject({ count: 2, total: null });
    expect(statusDetailsFromJson({ ...answer, total_num_results: -1 }, '2026-11-20')?.total).toBeNull();
  });

  it.each([null, 'x', [], {}, { results: 'x' }, { results: null }])('is null for an answer of another shape: %j', (json) => {
    expect(statusDetailsFromJson(json, '2026-11-20')).toBeNull();
  });

  it.each(['2026-02-30', '20261120', '', 'last-week'])('is null for a day that is not one: %s', (date) => {
    expect(statusDetailsFromJson(answer, date)).toBeNull();
  });
});
