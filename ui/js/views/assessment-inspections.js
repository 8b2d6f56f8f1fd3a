// 考核 › 检查 (issue 16, item 5): the half-year's progress over every base and micro
// grid (how many inspected, which are left), the inspections (sampled compounds in
// their quarter, grids each half-year) with the checklist's scores, findings and
// photos, a form to record one or, opened from its row (`[data-inspection-edit]`),
// to correct one (its photos in the section every record with files has: add several,
// preview, remove a wrong one), 转为整改 (a 整改事项 from its findings) and 复查 (the
// check made again once they are put right, `[data-inspection-recheck]`), Excel import/export,
// and a blank A4 inspection sheet to take along on paper.
import { h, clear, labelled, formField, thead, dateBox } from '../dom.js';
import { confirmDelete, confirmDialog } from '../dialog.js';
import { loadingTab } from './tabbed.js';
import { reportError } from '../logic/errors.js';
import { numberText } from '../logic/fields.js';
import { localDate, normalizeDateText } from '../logic/format.js';
import { pickedPath, pathRow } from '../files.js';
import {
  halfChoices, halfOf, inspectionTargets, inspectorsText, substituteText, rectificationDoneInput, parseInspectionForm,
  periodLabel, progressText, quarterOf, rectificationLine,
} from '../logic/assessment.js';
import { inspectionRectifyForm } from './inspection-rectify.js';
import { excelTools } from './excel-tools.js';
import { mountEvidence } from './evidence.js';
import { openPreview, canPreview } from './preview.js';
import { inPeriod } from '../logic/period.js';
import { periodControl } from '../period-control.js';

export function mountInspections(panel, ctx) {
  const { api, toast, onError } = ctx;
  const today = ctx.today ?? localDate();
  const st = {
    half: halfOf(today), checklist: [], samples: [], progress: null, inspections: [], disposed: false, dirty: false,
    editing: null, rechecking: null, items: [], evidence: null, evidenceFor: undefined,
  };
  const fail = (e) => reportError(e, { show: ctx.alert, reboot: onError });

  const halfInput = h('select', { id: 'inspections-half', 'aria-label': '半年' },
    halfChoices(today).map((o) => h('option', { value: o.value }, o.label)));
  halfInput.value = st.half;
  halfInput.addEventListener('change', () => { st.half = halfInput.value; load(); });
  const summary = h('p', { class: 'counts-line', id: 'inspections-progress', 'aria-live': 'polite' });
  // 期间 of the 检查记录 list by 检查日期 (the 半年 above is the cycle the progress counts).
  const period = periodControl({ id: 'inspections-period', all: true, title: '期间', today, onChange: () => renderList() });
  const periodLine = h('p', { class: 'hint list-period-line', id: 'inspections-period-line' });
  const left = h('div', { id: 'inspections-left' });
  const form = h('form', { id: 'inspection-form', class: 'inspection-form' });
  const photosHost = h('div', { id: 'inspection-photos' });
  const table = h('div', { id: 'inspections-list' });
  const formTitle = h('h2', { id: 'inspection-form-title' }, '记录一次检查');
  const rectify = inspectionRectifyForm({
    api, toast, onError, alert: ctx.alert, onSaved: () => { if (!st.disposed) load(); },
  });
  const main = h('div', { class: 'inspections-main' },
    h('p', { class: 'hint' }, '抽中的小区在本季度检查一次；每个基础网格和微网格每半年检查一次。按检查表打分（满分 100），记下发现的问题，可添加现场照片。'),
    h('div', { class: 'toolbar' },
      labelled('半年', halfInput),
      h('button', { type: 'button', class: 'btn btn-secondary', id: 'inspections-print-sheet', onClick: () => openPrint(blankSheet()) }, '打印检查表'),
      excelTools({
        api, toast, onError, prefix: 'inspections', exportKind: 'inspections',
        period: () => ({ text: period.value(), label: period.label() }),
        imports: [{ kind: 'inspections' }],
        onImported: () => { if (!st.disposed) load(); },
      })),
    summary, left,
    formTitle, form, photosHost,
    h('h2', {}, '检查记录'), h('div', { class: 'list-period-row' }, period.el, periodLine), rectify.el, table);
  const screen = h('div', { class: 'notice-screen', id: 'inspections-print', hidden: true });
  panel.append(main, screen);

  function renderForm() {
    const editing = st.editing;
    // 复查: the first inspection's object, and only it.
    const fixed = editing ?? st.rechecking;
    // The compounds offered are those sampled in the quarter of the 检查日期: a late
    // inspection of last quarter's sample could not be entered (probe Z).
    const targetsOn = (day) => {
      const quarter = quarterOf(normalizeDateText(day ?? '')) || quarterOf(today);
      const list = st.rechecking ? [] : inspectionTargets(st.samples, st.progress, quarter);
      // An inspection being corrected keeps its object even if no longer a target.
      if (fixed && !list.some((t) => t.id === fixed.unitId)) {
        list.unshift({ id: fixed.unitId, label: `${fixed.communityName ?? ''} · ${fixed.unitName ?? ''}（${fixed.unitKindLabel ?? ''}）` });
      }
      return list;
    };
    const targets = targetsOn(editing?.date ?? today);
    formTitle.textContent = editing
      ? `修改${editing.recheckOf ? '复查' : '检查'}记录：${editing.unitName ?? ''}（${editing.date ?? ''}）`
      : st.rechecking ? `复查：${st.rechecking.unitName ?? ''}（${st.rechecking.date ?? ''} 检查，整改后再查一次）` : '记录一次检查';
    const unit = h('select', { id: 'inspection-unitId', name: 'unitId', disabled: st.rechecking ? true : null },
      st.rechecking ? null : h('option', { value: '' }, '选择检查对象'),
      targets.map((t) => h('option', { value: t.id }, t.label)));
    const date = dateBox({ id: 'inspection-date', name: 'date', value: today });
    let shown = targets;
    date.addEventListener('change', () => {
      const keep = unit.value;
      const was = shown.find((t) => t.id === keep);
      const now = targetsOn(date.value);
      shown = now;
      clear(unit, st.rechecking ? null : h('option', { value: '' }, '选择检查对象'),
        now.map((t) => h('option', { value: t.id }, t.label)));
      if (now.some((t) => t.id === keep)) {
        unit.value = keep;
      } else if (keep && st.els?.error) {
        // The names filled in for it go with it (probe AL: they stayed, and the next
        // compound's were not filled in).
        if (inspector.value === filled) {
          inspector.value = '';
          filled = '';
        }
        // Said, not dropped unsaid (probe AJ: the choice vanished, then 请选择检查对象).
        const q = quarterOf(normalizeDateText(date.value));
        st.els.error.textContent = q
          ? `${was?.label?.replace(/（抽中小区）$/, '') ?? '所选的检查对象'}不是${periodLabel(q)}的抽中小区，检查对象已清空：请按检查日期重新选择。`
          : `检查日期“${date.value}”不是日期，请写成 2026-11-20 这样的日期。`;
        st.els.error.hidden = false;
      }
    });
    const inspector = h('input', { id: 'inspection-inspector', name: 'inspector', placeholder: '多人用顿号分隔', size: 16 });
    const reason = h('input', {
      id: 'inspection-substituteReason', name: 'substituteReason', size: 16, maxlength: '100',
      placeholder: '如 请假、回避', title: '抽中的检查人员不能到场、换人检查时填写，公示时一并写出',
    });
    // 双随机: a sampled compound picked fills in the inspectors drawn for it, unless
    // other names were typed (probe AJ: substitutes went into the 公示 unsaid).
    let filled = '';
    unit.addEventListener('change', () => {
      if (st.els?.error) st.els.error.hidden = true;
      const drawn = targetsOn(date.value).find((t) => t.id === unit.value)?.inspectors ?? '';
      if (inspector.value.trim() === '' || inspector.value === filled) {
        inspector.value = drawn;
        filled = drawn;
      }
    });
    const scores = st.checklist.map((c) => formField(`${c.label}（${c.max} 分）`,
      h('input', { id: `inspection-${c.key}`, 'data-score': c.key, inputmode: 'numeric', size: 4, title: c.hint })));
    // The total as the scores are typed (the list shows it once saved).
    const total = h('p', { class: 'inspection-total', id: 'inspection-total', 'aria-live': 'polite' });
    const sumUp = () => {
      const boxes = scores.map((l) => l.querySelector('[data-score]')).filter(Boolean);
      const typed = boxes.map((b) => numberText(b.value)).filter((v) => v !== '');
      const sum = typed.reduce((a, v) => a + (Number(v) || 0), 0);
      const max = st.checklist.reduce((a, c) => a + (Number(c.max) || 0), 0);
      total.textContent = typed.length ? `合计 ${Math.round(sum * 100) / 100} / ${max} 分` : `满分 ${max} 分`;
    };
    for (const l of scores) l.querySelector('[data-score]')?.addEventListener('input', sumUp);
    const findings = h('textarea', { id: 'inspection-findings', rows: 2, placeholder: '发现的问题' });
    // A photo taken on the spot goes with the record when it is saved (more can be added in the list).
    const photo = pathRow({
      inputId: 'inspection-photo-path', buttonId: 'inspection-photo-choose', buttonText: '添加照片…',
      label: '现场照片（可不填）', placeholder: '照片文件的位置，或点“添加照片…”',
    });
    photo.button.addEventListener('click', async () => {
      try {
        const path = pickedPath(await api.chooseOpenFile('选择现场照片', 'any'));
        if (path && !st.disposed) { photo.input.value = path; st.dirty = true; }
      } catch (e) { fail(e); }
    });
    const error = h('p', { class: 'field-error', id: 'inspection-error', role: 'alert', hidden: true });
    const save = h('button', { type: 'submit', class: 'btn btn-primary', id: 'inspection-save' },
      editing ? '保存修改' : st.rechecking ? '保存复查记录' : '保存检查记录');
    let cancel = null;
    if (st.rechecking) {
      unit.value = st.rechecking.unitId ?? '';
      cancel = h('button', { type: 'button', class: 'btn btn-secondary', id: 'inspection-cancel-recheck' }, '取消复查');
      cancel.addEventListener('click', () => { st.rechecking = null; st.dirty = false; renderForm(); });
    }
    if (editing) {
      unit.value = editing.unitId ?? '';
      date.value = editing.date ?? '';
      inspector.value = editing.inspector ?? '';
      reason.value = editing.substituteReason ?? '';
      findings.value = editing.findings ?? '';
      for (const c of st.checklist) {
        const box = scores.map((l) => l.querySelector(`[data-score="${c.key}"]`)).find(Boolean);
        if (box) box.value = editing.scores?.[c.key] == null ? '' : String(editing.scores[c.key]);
      }
      cancel = h('button', { type: 'button', class: 'btn btn-secondary', id: 'inspection-cancel-edit' }, '撤销修改');
      cancel.addEventListener('click', () => { st.editing = null; st.dirty = false; renderForm(); });
    }
    // A saved record's photos in the section every record with files has (several at
    // once, thumbnails, 预览, 删除 a wrong one), under the form; a new record takes
    // the photo that goes with it by path, so only one of the two shows.
    if (editing?.id !== st.evidenceFor) {
      st.evidence?.destroy();
      clear(photosHost);
      st.evidence = editing ? mountEvidence(photosHost, {
        api, toast, onError, kind: 'inspections', id: editing.id, prefix: 'inspection',
        title: '现场照片', hint: '还没有现场照片。', what: '现场照片', pickText: '添加照片…',
        // The list's 照片 column follows (the form keeps what is being typed).
        onChanged: () => { if (!st.disposed) load(); },
      }) : null;
      st.evidenceFor = editing?.id;
    }
    clear(form,
      h('div', { class: 'field-row' },
        formField('检查对象', unit),
        formField('检查日期', date),
        formField('检查人员', inspector),
        st.rechecking || (editing && editing.unitKind !== 'compound') ? null : formField('换人原因', reason)),
      h('div', { class: 'field-row' }, scores, total),
      h('label', { class: 'block-label', for: 'inspection-findings' }, '发现的问题'), findings,
      editing ? null : photo.el, error, h('div', { class: 'button-row' }, save, cancel));
    sumUp();
    st.els = { unit, date, inspector, reason, findings, photo: photo.input, error };
  }

  /** Opens the form on inspection `i`: to correct it, or (`again`) for its 复查. */
  function open(i, again = false) {
    st.rechecking = again ? i : null;
    st.editing = again ? null : i;
    st.dirty = false;
    renderForm();
    form.scrollIntoView?.({ block: 'nearest' });
    st.els?.inspector?.focus?.();
  }
  const recheck = (i) => open(i, true);
  const edit = (i) => open(i);

  function photoButton(p) {
    const b = h('button', { type: 'button', class: 'btn btn-link', 'data-photo': p.hash }, p.missing ? `${p.name}（文件缺失）` : p.name);
    // A picture (or PDF) opens larger inside the app (预览); anything else, or a
    // missing file (its message comes from the command), with the system's viewer.
    b.addEventListener('click', () => {
      if (!p.missing && canPreview(p.name)) openPreview({ api, hash: p.hash, name: p.name, onError });
      else api.openAttachment(p.hash).catch(fail);
    });
    return b;
  }

  function attachButton(i) {
    const attach = h('button', { type: 'button', class: 'btn btn-link', 'data-attach': i.id }, '添加照片');
    attach.addEventListener('click', async () => {
      try {
        const path = pickedPath(await api.chooseOpenFile('选择现场照片', 'any'));
        if (!path) return;
        await api.attachFiles('inspections', i.id, [path]);
        if (!st.disposed) { toast?.('已添加照片'); await load(); }
      } catch (e) { fail(e); }
    });
    return attach;
  }

  form.addEventListener('input', () => { st.dirty = true; });
  form.addEventListener('submit', async (e) => {
    e.preventDefault?.();
    if (!st.els) return;
    const { unit, date, inspector, reason, findings, photo, error } = st.els;
    error.hidden = true;
    const values = {
      unitId: unit.value, date: date.value, inspector: inspector.value, substituteReason: reason.value, findings: findings.value,
      scores: Object.fromEntries(st.checklist.map((c) => [c.key, form.querySelector(`[data-score="${c.key}"]`)?.value ?? ''])),
    };
    const editing = st.editing;
    if (editing) values.remark = editing.remark ?? '';
    const rechecking = st.rechecking;
    if (rechecking) values.recheckOf = rechecking.id;
    const r = parseInspectionForm(values, st.checklist);
    const show = (err) => {
      error.textContent = err.message;
      error.hidden = false;
      form.querySelector(`#inspection-${err.field}`)?.focus?.();
    };
    if (!r.ok) { show(r.error); return; }
    const photoPath = photo.value.trim();
    let saved;
    try {
      saved = editing ? await api.updateInspection(editing.id, r.input) : await api.createInspection(r.input);
    } catch (err) {
      if (err?.field) show(err); else fail(err);
      return;
    }
    if (st.disposed) return;
    st.dirty = false;
    st.editing = null;
    st.rechecking = null;
    let photoError = null;
    if (photoPath) {
      try {
        await api.attachFiles('inspections', saved.id, [photoPath]);
      } catch (err) {
        photoError = err;
      }
      if (st.disposed) return;
    }
    toast?.(`已${editing ? '修改' : '保存'}${saved.unitName ?? ''}的${rechecking || saved.recheckOf ? '复查' : '检查'}记录（${saved.total ?? ''} 分）${photoPath && !photoError ? '和现场照片' : ''}`);
    // A 复查 done: the first inspection's open 整改事项 may be closed with it, dated
    // the 复查's day (probe AJ: they stayed 整改中 until closed in another tab).
    const open = rechecking ? st.items.filter((r) => r.inspectionId === rechecking.id && !r.doneOn) : [];
    if (open.length && await confirmDialog({
      title: '整改完成了吗？',
      message: `这次检查转出的整改事项还有 ${open.length} 项未完成：${open.map((r) => `“${r.item}”`).join('、')}。复查时问题已经解决的，可以一并标记完成，完成日期记为复查日期 ${saved.date ?? ''}。`,
      okText: '标记完成',
      cancelText: '暂不标记',
    }) && !st.disposed) {
      try {
        for (const r of open) {
          await api.updateRectificationItem(r.id, rectificationDoneInput(r, saved.date));
        }
        toast?.(`已把 ${open.length} 项整改事项标记完成`);
      } catch (err) {
        fail(err);
      }
    }
    await load();
    if (photoError && !st.disposed) {
      // The record is saved: say so, and why the photo is not with it (it can be added from the list).
      reportError(photoError, {
        show: (m) => {
          st.els.error.textContent = `检查记录已保存，但照片没有添加：${m} 可在下方记录的“添加照片”重新添加。`;
          st.els.error.hidden = false;
        },
        reboot: onError,
      });
    }
  });

  function renderProgress() {
    const p = st.progress;
    summary.textContent = progressText(p);
    clear(left, p?.left?.length
      ? h('details', { class: 'folded-list', open: p.left.length <= 12 },
        h('summary', {}, `还没检查的网格（${p.left.length}）`),
        h('ul', { class: 'item-list', id: 'inspections-left-list' },
          p.left.map((g) => h('li', { 'data-grid-id': g.id }, `${g.communityName} · ${g.name}（${g.kindLabel}，${g.code}）`))))
      : h('p', { class: 'muted' }, p?.total ? '本半年的网格都已检查。' : '还没有基础网格或微网格。'));
  }

  function renderList() {
    const text = period.value();
    const shown = st.inspections.filter((i) => inPeriod(i.date, text));
    periodLine.textContent = text
      ? `${period.label()}（按检查日期）：${shown.length} 次，共 ${st.inspections.length} 次。`
      : `全部：${st.inspections.length} 次。`;
    const rows = shown.map((i) => {
      const attach = attachButton(i);
      const photos = (i.photos ?? []).map(photoButton);
      const open = h('button', { type: 'button', class: 'btn btn-link', 'data-inspection-edit': i.id }, '修改');
      open.addEventListener('click', () => edit(i));
      // 转为整改 from what was found; 复查 of a first inspection, once put right.
      const toItem = h('button', { type: 'button', class: 'btn btn-link', 'data-inspection-rectify': i.id }, '转为整改');
      toItem.addEventListener('click', () => rectify.open(i));
      const again = i.recheckOf ? null : h('button', { type: 'button', class: 'btn btn-link', 'data-inspection-recheck': i.id }, '复查');
      again?.addEventListener('click', () => recheck(i));
      const first = i.recheckOf ? st.inspections.find((x) => x.id === i.recheckOf) : null;
      const line = rectificationLine(st.items, i.id);
      const del = h('button', { type: 'button', class: 'btn btn-link', 'data-inspection-delete': i.id }, '删除');
      del.addEventListener('click', async () => {
        // Its 整改事项 stay (they keep what they said): asked first (probe V).
        if (line) {
          const ok = await confirmDelete(`这条检查记录有${line.replace(/^整改 /, '整改事项 ')}。删除检查记录后，整改事项仍保留在“评分结果”里，需要时请另行处理。确定删除吗？删除后可在回收站恢复。`);
          if (!ok || st.disposed) return;
        }
        try {
          await api.deleteInspection(i.id);
          if (!st.disposed) { toast?.('已删除检查记录，可在回收站恢复'); await load(); }
        } catch (e) { fail(e); }
      });
      const row = h('tr', { 'data-inspection-id': i.id, class: st.editing?.id === i.id ? 'is-selected' : null },
        h('td', {}, i.date), h('td', {}, periodLabel(i.period)),
        h('td', {}, `${i.communityName} · ${i.unitName}`,
          i.recheckOf ? h('span', { class: 'status-tag', 'data-recheck-tag': i.id }, first ? `复查（${first.date} 检查）` : '复查') : null),
        h('td', {}, i.unitKindLabel ?? ''), h('td', { title: inspectorsText(i) }, i.inspector,
          i.drawnInspector ? h('div', { class: 'hint', 'data-substitute': i.id }, substituteText(i)) : null), h('td', {}, `${i.total ?? ''}`),
        h('td', {}, i.findings, line ? h('div', { class: 'hint', 'data-rectify-line': i.id }, line) : null),
        h('td', {}, photos, attach), h('td', {}, open, ' ', toItem, again ? ' ' : null, again, ' ', del));
      // Opening a row (a click outside its buttons) fills the form with it.
      row.addEventListener('click', (ev) => { if (!ev.target?.closest?.('button')) edit(i); });
      return row;
    });
    clear(table, h('table', { class: 'data-table', id: 'inspections-table' },
      thead(['日期', '检查期', '对象', '类型', '检查人员', '得分', '发现的问题', '照片', { sr: '操作' }]),
      h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: '9', class: 'muted' }, st.inspections.length ? '这一期间没有检查记录。' : '还没有检查记录。')))));
  }

  function blankSheet() {
    return h('article', { class: 'notice-card', 'aria-labelledby': 'inspection-sheet-title' },
      h('header', { class: 'notice-head' },
        h('h1', { id: 'inspection-sheet-title', class: 'notice-title' }, '网格（小区）检查表')),
      h('div', { class: 'notice-body' },
        h('p', {}, '检查对象：______________________　所属村/社区：______________'),
        h('p', {}, '检查日期：____年__月__日　　检查人员：______________________'),
        h('table', { class: 'notice-table', id: 'inspection-sheet-table' },
          thead(['检查项目', '检查内容', '满分', '得分']),
          h('tbody', {},
            st.checklist.map((c) => h('tr', {}, h('td', {}, c.label), h('td', {}, c.hint), h('td', {}, String(c.max)), h('td', {}, ''))),
            h('tr', {}, h('td', {}, '合计'), h('td', {}, ''), h('td', {}, String(st.checklist.reduce((a, c) => a + c.max, 0))), h('td', {}, '')))),
        h('p', {}, '发现的问题：'),
        h('p', { class: 'sheet-lines' }, '\u00a0'),
        h('p', {}, '整改要求及时限：')),
      h('footer', { class: 'notice-foot' }, h('span', {}, '检查人员签字：____________'), h('span', {}, '被检查方签字：____________')));
  }
  function openPrint(card) {
    const back = h('button', { type: 'button', class: 'btn btn-secondary', id: 'inspections-print-back' }, '返回');
    back.addEventListener('click', () => { screen.hidden = true; clear(screen); main.hidden = false; });
    clear(screen,
      h('div', { class: 'notice-toolbar' }, back,
        h('button', { type: 'button', class: 'btn btn-primary', onClick: () => globalThis.print?.() }, '打印'),
        h('span', { class: 'hint' }, '打印时请选择 A4 纸、纵向。')),
      h('div', { class: 'notice-paper' }, card));
    main.hidden = true;
    screen.hidden = false;
  }

  async function load() {
    try {
      const [checklist, samples, progress, inspections, items] = await Promise.all([
        st.checklist.length ? st.checklist : api.inspectionChecklist(),
        api.listSamples(), api.gridInspectionProgress(st.half), api.listInspections(), api.listRectificationItems(),
      ]);
      if (st.disposed) return;
      Object.assign(st, { checklist, samples: samples ?? [], progress, inspections: inspections ?? [], items: items ?? [] });
      // A first inspection deleted meanwhile is not rechecked.
      if (st.rechecking) st.rechecking = st.inspections.find((i) => i.id === st.rechecking.id) ?? null;
      // The inspection being corrected, as stored now (a photo added to it).
      if (st.editing) st.editing = st.inspections.find((i) => i.id === st.editing.id) ?? null;
      renderProgress();
      // A record deleted meanwhile takes its form and photos section with it.
      if (!st.dirty || !st.editing) renderForm();
      // Its photos section reads them again (one added from its row in the list).
      if (st.editing) st.evidence?.reload();
      renderList();
    } catch (e) {
      if (!st.disposed) fail(e);
    }
  }

  return loadingTab(st, load, { isDirty: () => st.dirty, dispose: () => st.evidence?.destroy() });
}
