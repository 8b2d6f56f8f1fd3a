// 首页 panels (issues 15 and 16): 减负 (lists, grid matters and the load per grid
// worker, admissions by step, clean-up results), 培训与考核 (training coverage,
// this quarter's sampling, the half-year's inspections, satisfaction) and 月调度
// (tasks done, behind, overdue; the period's reports). Each panel
// is built from report keys, so a county sees the sum of its townships, and the
// figures stay the ones 统计 shows. Pure: no DOM.
import { figureTotals, percent } from './charts.js';
import { countDayWords } from './period.js';
import { localDate } from './format.js';

export { PANEL_PREFIXES, inPanel } from './charts.js';

const n = (x) => (Number.isFinite(Number(x)) ? Number(x) : 0);

/**
 * The load per grid worker as the core sums it (grid_matter_load_summary:
 * { workers, sum, heaviest: { name, total, tied } }) → { workers, average, heaviest } or null.
 * `heaviest.who` names the first of them, and how many carry as much when several do.
 */
export function workerLoad(summary) {
  const workers = n(summary?.workers);
  if (!workers) return null;
  return {
    workers,
    average: Math.round((n(summary.sum) / workers) * 10) / 10,
    heaviest: {
      name: String(summary.heaviest?.name ?? ''),
      total: n(summary.heaviest?.total),
      who: `${summary.heaviest?.name ?? ''}${n(summary.heaviest?.tied) > 1 ? `等 ${n(summary.heaviest.tied)} 人` : ''}`,
    },
  };
}

/**
 * The panels: [{ id, title, link, rows: [{ label, value, note?, warn? }] }], only
 * those with something to show. `carried` is a township's grid_matter_load_summary (or null).
 */
export function dashboardPanels(dash, carried = null, today = localDate()) {
  const t = figureTotals(dash);
  const v = (k) => n(t[k]);
  const panels = [];
  // 本季度/本半年 named by the count day: a yearly view read 本季度抽查 5 个小区.
  const words = countDayWords(dash?.asOf);

  const jianfu = [];
  const lists = v('lists.basic_duties') + v('lists.assisting_duties') + v('lists.taken_back');
  if (lists) {
    jianfu.push({
      label: '目录三清单', value: `${lists} 项`,
      note: `基本 ${v('lists.basic_duties')} · 配合 ${v('lists.assisting_duties')} · 收回 ${v('lists.taken_back')}`,
    });
  }
  if (v('gridlist.items')) {
    jianfu.push({ label: '网格事项', value: `${v('gridlist.items')} 项`, note: `${v('gridlist.villages_claimed')} 个村/社区已认领` });
  }
  const wl = workerLoad(carried);
  if (wl) {
    // The load is today's: beside a period that ended before today, said so.
    const past = !!carried.asOf && !!dash.period?.to && dash.period.to < carried.asOf;
    jianfu.push({
      label: '网格员承担事项', value: `人均 ${wl.average} 项`,
      // Nobody carries any: no 最多的是冯军等 12 人（0 项）.
      note: (wl.heaviest.total
        ? `${wl.workers} 名网格员，最多的是${wl.heaviest.who}（${wl.heaviest.total} 项）`
        : `${wl.workers} 名网格员，都还没有承担事项`) + (past ? `；这一项按今天（${carried.asOf}）计` : ''),
    });
  }
  // Items still in force show in a quarter without new applications (the card left
  // the 第四季度 view while 1 stood in force, probe X).
  if (v('admission.applied') || v('admission.approved') || v('admission.refused') || v('admission.in_force')) {
    jianfu.push({
      label: '准入事项', value: `${v('admission.applied')} 件申请`,
      // 已进入未退出, not 在准入期: a short-term item past its end is still in (probe X).
      note: `县级同意 ${v('admission.approved')} · 不予准入 ${v('admission.refused')} · 已进入未退出 ${v('admission.in_force')}`
        + (v('admission.overdue_exit') ? `（其中到期应退出 ${v('admission.overdue_exit')}）` : ''),
    });
  }
  if (v('admission.overdue_exit')) {
    jianfu.push({ label: '到期应退出', value: `${v('admission.overdue_exit')} 件`, note: '短期事项已过期限，尚未退出', warn: true });
  }
  const removed = v('rectification.mechanisms_removed') + v('rectification.plaques_removed') + v('rectification.certificates_cancelled');
  if (removed || v('rectification.secondments_active') || v('rectification.rechecks')) {
    jianfu.push({
      label: '专项整治', value: `清理 ${removed} 项`,
      note: `撤并机制 ${v('rectification.mechanisms_removed')} · 摘牌 ${v('rectification.plaques_removed')} · 取消证明 ${v('rectification.certificates_cancelled')} · 回头看 ${v('rectification.rechecks')} 次`,
    });
  }
  if (v('rectification.secondments_active')) {
    const un = v('rectification.secondments_unapproved');
    jianfu.push({
      label: '借调人员', value: `${v('rectification.secondments_active')} 人在借调`,
      note: un ? `其中 ${un} 人未经准入` : '均经准入', warn: un > 0,
    });
  }
  // A county or city keeps no 减负 ledger: its panel's 查看 opens 统计, where each
  // office's figures are (it went nowhere).
  const upper = ['county', 'city'].includes(dash?.office?.level);
  if (jianfu.length) panels.push({ id: 'jianfu', title: '减负', link: upper ? 'report' : 'jianfu', rows: jianfu });

  const daohang = [];
  if (v('training.sessions')) {
    daohang.push({
      label: '本期培训', value: `${v('training.sessions')} 次 · ${v('training.person_times')} 人次`,
      note: v('people.community_workers')
        ? `社区工作者培训覆盖率 ${percent(v('training.community_workers_trained'), v('people.community_workers'))}`
        : undefined,
    });
  }
  if (v('people.selected_from_community_workers')) {
    daohang.push({ label: '从社区工作者中选拔', value: `${v('people.selected_from_community_workers')} 人`, note: '本期进入乡镇公务员或事业编' });
  }
  // A township's period that runs today, with nothing sampled or inspected yet: said,
  // not left out (a new quarter's sample not drawn went unwarned, probe Z).
  const running = !['county', 'city'].includes(dash?.office?.level) && !!dash?.period?.to && dash.period.to >= today;
  if (running && !v('assessment.sample_rate') && v('compounds.total')) {
    daohang.push({
      label: `${words?.quarter ?? '本季度'}抽查`, value: '还没有抽取样本',
      note: `到“考核 › 抽查”抽取本季度样本（不低于 ${v('compounds.total')} 个小区的 30%）`, warn: true,
    });
  }
  if (running && !v('assessment.grids_inspected') && v('grids.base') + v('grids.micro')) {
    daohang.push({
      label: `${words?.half ?? '本半年'}网格检查`, value: '0 个网格',
      note: `进度 0%（基础网格和微网格 ${v('grids.base') + v('grids.micro')} 个）`, warn: true,
    });
  }
  if (v('assessment.sample_rate')) {
    // assessment.sample_rate counts the compounds the quarter's sample was drawn from.
    // Above a township that is only the offices that drew one: a county whose other
    // townships drew nothing read 38.5% (5 of 青溪's 13) where 5 of its 17 compounds is
    // 29.4%, below the rule. There, over every compound.
    const upper = dash?.office?.level === 'county' || dash?.office?.level === 'city';
    const whole = upper ? Math.max(v('compounds.total'), v('assessment.sample_rate')) : v('assessment.sample_rate');
    const sampled = v('assessment.compounds_sampled');
    daohang.push({
      label: `${words?.quarter ?? '本季度'}抽查`, value: `${sampled} 个小区`,
      note: `${upper ? `占全部 ${whole} 个小区的 ` : '实际抽中 '}${percent(sampled, whole)}（要求不低于 30%）`,
      warn: whole > 0 && sampled * 10 < whole * 3,
    });
  }
  if (v('assessment.grids_inspected')) {
    const grids = v('grids.base') + v('grids.micro');
    daohang.push({
      label: `${words?.half ?? '本半年'}网格检查`, value: `${v('assessment.grids_inspected')} 个网格`,
      note: grids ? `进度 ${percent(v('assessment.grids_inspected'), grids)}（基础网格和微网格 ${grids} 个）` : undefined,
    });
  }
  if (v('assessment.satisfaction_judged')) {
    daohang.push({
      label: '群众满意度', value: percent(v('assessment.satisfaction'), v('assessment.satisfaction_judged')),
      note: `问卷 ${v('assessment.questionnaires')} 份 · 电话回访 ${v('assessment.callbacks')} 次（含诉求回访）`,
    });
  }
  if (v('assessment.rectifications_open')) {
    // Those past their 整改期限 are what 考核 (D08) counts; the others are on time.
    const overdue = v('assessment.rectifications_overdue');
    daohang.push({
      label: '未完成整改', value: `${v('assessment.rectifications_open')} 项`, warn: overdue > 0,
      note: overdue ? `其中逾期 ${overdue} 项` : '都在整改期限内',
    });
  }
  if (daohang.length) panels.push({ id: 'daohang', title: '培训与考核', link: 'assessment', rows: daohang });

  // 月调度: the task list as it stands on the count day, and the period's reports. Above
  // a township the sum over the offices below; 查看 opens 月调度, whose 下级进展 lists
  // each office's cell.
  const tasks = [];
  if (v('tasks.total')) {
    tasks.push({
      label: '调度任务', value: `${v('tasks.total')} 项`,
      note: `已完成 ${v('tasks.done')}${v('tasks.behind') ? ` · 进展滞后 ${v('tasks.behind')}` : ''}`,
      warn: v('tasks.behind') > 0,
    });
  }
  if (v('tasks.overdue')) {
    tasks.push({ label: '逾期未完成', value: `${v('tasks.overdue')} 项`, note: '已过完成时限，还没有报“已完成”', warn: true });
  }
  if (v('tasks.reports')) {
    tasks.push({ label: '报送的月度进展', value: `${v('tasks.reports')} 条`, note: '按所报月份计入期间' });
  }
  if (tasks.length) panels.push({ id: 'tasks', title: '月调度', link: 'tasks', rows: tasks });
  return panels;
}
