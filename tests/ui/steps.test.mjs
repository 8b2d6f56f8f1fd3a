// The dates under a workflow's step bar: split so that a side panel can leave out a
// year the step before already showed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stepDateParts, stepDates, stepBarOf } from '../../ui/js/logic/steps.js';

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

test('with the steps in order, a move back onto a dated step keeps its date; a later forward move dates it again', () => {
  const order = [{ value: 'open' }, { value: 'in_progress' }, { value: 'completed' }, { value: 'evaluated' }];
  const events = [
    { to: 'open', date: '2026-11-01' },
    { from: 'open', to: 'in_progress', date: '2026-11-12' },
    { from: 'in_progress', to: 'completed', date: '2026-11-20' },
    { from: 'completed', to: 'evaluated', date: '2026-11-25' },
    { from: 'evaluated', to: 'in_progress', date: '2026-12-06' },
  ];
  assert.deepEqual(stepDates(events, order),
    { open: '2026-11-01', in_progress: '2026-11-12', completed: '2026-11-20', evaluated: '2026-11-25' });
  const bar = stepBarOf(order, 'in_progress', events, (v) => v, { backKeepsDate: true });
  assert.equal(bar[1].date, '2026-11-12');
  assert.equal(bar[2].date, '', 'undone steps show no date');
  assert.deepEqual(stepDates([...events, { from: 'in_progress', to: 'completed', date: '2026-12-10' }], order).completed,
    '2026-12-10');
});
