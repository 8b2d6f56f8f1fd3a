// The dates under a workflow's step bar: split so that a side panel can leave out a
// year the step before already showed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stepDateParts, stepDates } from '../../ui/js/logic/steps.js';

const shown = (dates) => stepDateParts(dates).map((p) => (p.again ? p.day : p.year + p.day));

test('a step in the same year as the dated step before it may leave its year out', () => {
  assert.deepEqual(shown(['2026-12-05', '2026-12-05', '2026-12-07', '', undefined]), ['2026-12-05', '12-05', '12-07', '', '']);
  assert.deepEqual(shown(['2025-12-30', '2026-01-04', '2026-01-05']), ['2025-12-30', '2026-01-04', '01-05'], 'a new year is written out');
  assert.deepEqual(shown(['2026-03-01', '', '2026-03-09']), ['2026-03-01', '', '03-09'], 'a step not reached is skipped over');
  assert.deepEqual(shown(['待定', '2026-03-09']), ['待定', '2026-03-09'], 'anything not a date is shown as it is');
  assert.deepEqual(stepDateParts(['2026-12-05'])[0], { year: '2026-', day: '12-05', again: false });
  assert.deepEqual(stepDateParts(null), []);
});

test('each step is dated by the last event that reached it', () => {
  assert.deepEqual(stepDates([
    { to: 'applied', date: '2026-03-01' },
    { to: 'reviewed', date: '2026-03-04' },
    { to: 'applied', date: '2026-03-06', recordedAt: '2026-03-06T01:00:00Z' },
  ]), { applied: '2026-03-06', reviewed: '2026-03-04' });
});
