// Pure: 首页's 本周提醒 — the core's `Dashboard.reminders` as rows a clerk reads, each
// with where one click takes them (the record itself where the screen can open it).

/** A reminder → where `navigate(view, route)` goes: the demand, the project, the meeting, the admission, the task (月调度's month, its unreported tasks). */
export function reminderTarget(r) {
  switch (r?.kind) {
    case 'demand': return { view: 'demands', route: { demandId: r.recordId } };
    case 'project': return { view: 'cobuild', route: { tab: 'projects', projectId: r.recordId } };
    case 'follow_up': return { view: 'party', route: { tab: 'meetings', meetingId: r.recordId } };
    case 'working_follow_up': return { view: 'demands', route: { tab: 'coordination', meetingId: r.recordId } };
    case 'admission': return { view: 'jianfu', route: { tab: 'admissions', admissionId: r.recordId } };
    case 'rectification': return { view: 'assessment', route: { tab: 'scores' } };
    case 'committee_term': return { view: 'party', route: { tab: 'committees' } };
    case 'task': return { view: 'tasks', route: { tab: 'progress', taskId: r.recordId } };
    case 'task_report': return { view: 'tasks', route: { tab: 'progress', filter: 'missing' } };
    default: return null;
  }
}

/** “已逾期 6 天” / “今天到期” / “还有 2 天”. */
export function dueText(r) {
  const d = Number(r?.daysLate ?? 0);
  if (d > 0) return `已逾期 ${d} 天`;
  if (d === 0) return '今天到期';
  return `还有 ${-d} 天`;
}

/** The reminders as rows: { key, title, source, due, state, overdue, target }. */
export function reminderRows(reminders) {
  return (reminders?.items ?? []).map((r, i) => ({
    key: `${r.kind}-${r.recordId}-${r.itemId || i}`,
    title: r.title,
    source: r.source,
    due: `${r.dueLabel} ${r.dueOn}`,
    state: dueText(r),
    overdue: !!r.overdue,
    target: reminderTarget(r),
  }));
}

/** The line above the list: “本周（11-23 至 11-29）：已逾期 3 项，本周到期 3 项”. */
export function remindersSummary(reminders) {
  if (!reminders) return '';
  const short = (d) => String(d ?? '').slice(5);
  const week = `本周（${short(reminders.weekStart)} 至 ${short(reminders.weekEnd)}）`;
  if (!reminders.items?.length) return `${week}没有到期或逾期的事项。`;
  return `${week}：已逾期 ${reminders.overdue ?? 0} 项，本周到期 ${reminders.dueThisWeek ?? 0} 项。`;
}
