// 考核: tabs of issue 16 (role=tablist, ←/→/Home/End). On this branch only 抽查 and
// 检查 (the other tabs, 指标体系, 问卷, 电话回访, 评分结果, come from their own branches;
// the lead merges the TABS arrays). Each tab is its own module, in tabbed.js's frame.
import { h } from '../dom.js';
import { tabbedView } from './tabbed.js';
import { mountSampling } from './assessment-sampling.js';
import { mountInspections } from './assessment-inspections.js';

const TABS = [
  { id: 'sampling', label: '抽查', mount: mountSampling },
  { id: 'inspections', label: '检查', mount: mountInspections },
];

export function mountAssessment(container, ctx) {
  const view = tabbedView({ prefix: 'assessment', label: '考核', tabs: TABS, context: () => ctx });
  container.append(h('section', { class: 'view view-wide assessment', id: 'assessment-view', 'aria-labelledby': 'assessment-title' },
    h('div', { class: 'view-header' },
      h('h1', { id: 'assessment-title' }, '考核'),
      h('p', { class: 'hint' }, '季度随机抽查小区、检查人员随机抽取并回避本村/社区；每半年检查全部基础网格和微网格；结果可打印公示。')),
    view.tablist,
    view.panels));
  view.start(ctx.route?.tab);
  return view.dispose;
}
