// 考核 (issue 16): tabs in the order (role=tablist, ←/→/Home/End):
//   指标体系  the indicator system: five groups, each indicator's points, target, direction
//             and method (a formula over report keys, or scored by the team); versions
//   评分结果  the score table per office (rank, group totals, total; each figure drills into
//             its records), manual scores, awards and criticism with rectification items, print
//   抽查      this quarter's random draw of compounds and inspectors (seed and rule shown,
//             redraws kept), the roster, the printable list and 公示 (assessment-sampling.js)
//   检查      inspections of sampled compounds and, each half-year, of every grid: the
//             checklist, photos, progress, the blank A4 sheet (assessment-inspections.js)
//   问卷      questionnaires, returned papers imported from Excel, results per question and
//             satisfaction overall and per community (assessment-surveys.js)
//   电话回访  phone call-backs (phones masked), with demands' 回访 counted beside them
//             (assessment-callbacks.js)
import { mountTabbedSection } from './tabbed.js';
import { mountIndicators } from './assessment-indicators.js';
import { mountScores } from './assessment-scores.js';
import { mountSampling } from './assessment-sampling.js';
import { mountInspections } from './assessment-inspections.js';
import { mountAssessmentSurveys } from './assessment-surveys.js';
import { mountAssessmentCallbacks } from './assessment-callbacks.js';

const TABS = [
  { id: 'indicators', label: '指标体系', mount: mountIndicators },
  { id: 'sampling', label: '抽查', mount: mountSampling },
  { id: 'inspections', label: '检查', mount: mountInspections },
  { id: 'surveys', label: '问卷', mount: mountAssessmentSurveys },
  { id: 'callbacks', label: '电话回访', mount: mountAssessmentCallbacks },
  { id: 'scores', label: '评分结果', mount: mountScores },
];

export function mountAssessment(container, ctx) {
  const view = mountTabbedSection(container, {
    prefix: 'assessment',
    title: '考核',
    hint: '指标体系分五组：按统计计算的指标取自统计报表，其余由考核组评分。评分结果中每个数字都可以查看对应的记录。',
    tabs: TABS,
    context: () => ({ ...ctx }),
    startTab: ctx.route?.tab,
  });
  return view.dispose;
}
