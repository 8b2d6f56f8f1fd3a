// 联系点 (领导联系点): four tabs (role=tablist, ←/→/Home/End):
//   领导    the leaders (市, 县/区, 乡镇/街道), phones masked (显示), form beside the list
//   联系点  each leader's link to a community, compound or grid (重点联系/包保/全覆盖),
//           and the selected point's visits; a visit's problem becomes a demand (转为诉求)
//   覆盖    every community, compound and base grid with its contact leaders; those with
//           none in red; the villages no township leader covers (全覆盖的缺口)
//   部门    the departments demands are assigned to (交办)
// Each tab is its own module (contacts-*.js) in tabbed.js's frame. Another view may
// open a point: navigate('contacts', { tab: 'points', pointId, visitId }).
import { buildTree } from '../logic/tree.js';
import { villageOptions } from '../logic/people.js';
import { targetOptions } from '../logic/contacts.js';
import { reportError } from '../logic/errors.js';
import { mountTabbedSection } from './tabbed.js';
import { mountLeaders } from './contacts-leaders.js';
import { mountPoints } from './contacts-points.js';
import { mountCoverage } from './contacts-coverage.js';
import { mountDepartments } from './contacts-departments.js';

const TABS = [
  { id: 'leaders', label: '领导', mount: mountLeaders },
  { id: 'points', label: '联系点', mount: mountPoints },
  { id: 'coverage', label: '覆盖', mount: mountCoverage },
  { id: 'departments', label: '部门', mount: mountDepartments },
];

/**
 * What the tabs (and 诉求) share, each loaded on first use and reloaded when asked:
 * the contact options, the units (tree, link targets with paths, villages), the
 * leaders and the departments.
 */
export function contactsShared(api, fail) {
  const cache = { options: null, units: null, leaders: null, departments: null };
  const get = async (key, fresh, request, shape = (x) => (Array.isArray(x) ? x : [])) => {
    if (!cache[key] || fresh) {
      const got = await request().catch((e) => { fail(e); return null; });
      if (got) cache[key] = shape(got);
    }
    return cache[key];
  };
  return {
    async options() {
      return (await get('options', false, () => api.contactOptions(), (x) => (x && typeof x === 'object' ? x : {}))) ?? {};
    },
    async units({ fresh = false } = {}) {
      const empty = { tree: buildTree([]), targets: [], villages: [] };
      return (await get('units', fresh, () => api.listUnits(), (list) => {
        const tree = buildTree(Array.isArray(list) ? list : []);
        return { tree, targets: targetOptions(tree), villages: villageOptions(tree) };
      })) ?? empty;
    },
    async leaders({ fresh = false } = {}) {
      return (await get('leaders', fresh, () => api.listLeaders())) ?? [];
    },
    async departments({ fresh = false } = {}) {
      return (await get('departments', fresh, () => api.listDepartments())) ?? [];
    },
  };
}

export function mountContacts(container, ctx) {
  const { api, alert, onError } = ctx;
  const fail = (e) => reportError(e, { show: alert, reboot: onError });
  const shared = contactsShared(api, fail);
  const view = mountTabbedSection(container, {
    prefix: 'contacts',
    title: '领导联系点',
    hint: '市领导重点联系、县/区领导包保、乡镇/街道领导全覆盖：每位领导联系哪个村/社区、小区或网格，每次走访发现了什么、协调了什么；走访发现的问题可以一步转为诉求。',
    tabs: TABS,
    context: (v) => ({ ...ctx, shared, choose: v.choose, openPoint, newPoint }),
    startTab: ctx.route?.tab,
  });

  /** From 领导: go to 联系点 and open one. */
  async function openPoint(id) {
    if (!(await view.choose('points'))) return;
    await view.panel('points')?.openPoint(id);
  }

  /** From 领导 or 覆盖: go to 联系点 and start a new one (prefill { leaderId } or { unitId }). */
  async function newPoint(prefill) {
    if (!(await view.choose('points'))) return;
    await view.panel('points')?.newPoint(prefill);
  }

  return view.dispose;
}
