// The dates under a workflow's step bar: short enough that five fit in a side panel.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shortStepDates, stepDates } from '../../ui/js/logic/steps.js';

test('a step in the same year as the step before it shows its month and day only', () => {
  assert.deepEqual(
    shortStepDates(['2026-12-05', '2026-12-05', '2026-12-07', '', undefined]),
    ['2026-12-05', '12-05', '12-07', '', ''],
  );
  assert.deepEqual(
    shortStepDates(['2025-12-30', '2026-01-04', '2026-01-05']),
    ['2025-12-30', '2026-01-04', '01-05'],
    'a new year is written out',
  );
  assert.deepEqual(shortStepDates(['2026-03-01', '', '2026-03-09']), ['2026-03-01', '', '03-09'], 'a step not reached is skipped over');
  assert.deepEqual(shortStepDates(['待定', '2026-03-09']), ['待定', '2026-03-09'], 'anything not a date is shown as it is');
  assert.deepEqual(shortStepDates(null), []);
});

test('each step is dated by the last event that reached it', () => {
  assert.deepEqual(stepDates([
    { to: 'applied', date: '2026-03-01' },
    { to: 'reviewed', date: '2026-03-04' },
    { to: 'applied', date: '2026-03-06', recordedAt: '2026-03-06T01:00:00Z' },
  ]), { applied: '2026-03-06', reviewed: '2026-03-04' });
});
