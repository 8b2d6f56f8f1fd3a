// 考核: tabs (role=tablist, ←/→/Home/End), each its own module in tabbed.js's frame:
//   问卷      questionnaires and their results (assessment-surveys.js)
//   电话回访  phone call-backs, the demands' 回访 counted with them (assessment-callbacks.js)
// The other tabs of issue 16 (指标体系, 抽查, 检查, 评分结果) are added by their modules.
import { h } from '../dom.js';
import { tabbedView } from './tabbed.js';
import { mountAssessmentSurveys } from './assessment-surveys.js';
import { mountAssessmentCallbacks } from './assessment-callbacks.js';

const TABS = [
  { id: 'surveys', label: '问卷', mount: mountAssessmentSurveys },
  { id: 'callbacks', label: '电话回访', mount: mountAssessmentCallbacks },
];

export function mountAssessment(container, ctx) {
  const view = tabbedView({ prefix: 'assessment', label: '考核', tabs: TABS, context: () => ctx });
  container.append(h('section', { class: 'view view-wide assessment', id: 'assessment-view', 'aria-labelledby': 'assessment-title' },
    h('div', { class: 'view-header' },
      h('h1', { id: 'assessment-title' }, '考核'),
      h('p', { class: 'hint' }, '群众满意度：问卷调查和电话回访。')),
    view.tablist,
    view.panels));
  view.start(ctx.route?.tab);
  return view.dispose;
}
