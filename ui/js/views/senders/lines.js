// 报送情况, the card 应报名单（按收到的文件提议）: the offices that sent but are not on the
// list, proposed as text (one office a line, `#expected-lines`), which the clerk edits
// or fills and adds at once (`#expected-lines-save`, set_expected_offices). The
// proposal is not written over what the clerk typed until 重新按收到的文件提议.
import { h } from '../../dom.js';
import { oneAtATime, clearFieldErrors, showFieldError } from '../../forms.js';
import { reportError } from '../../logic/errors.js';
import { proposalLines, parseExpectedLines, expectedListText } from '../../logic/senders.js';

/**
 * expectedLinesCard(props) → { el, load() }: load() reads the proposal again.
 * props: { api, toast, alert, clearAlert, onError, fail(e), gone() (the view has left),
 *   reload() (the senders again, after the list changed) }
 */
export function expectedLinesCard({ api, toast, alert, clearAlert, onError, fail, gone, reload }) {
  const st = { proposals: null, edited: false };
  const input = h('textarea', {
    id: 'expected-lines', name: 'offices', rows: '6', class: 'expected-lines', spellcheck: 'false',
    'aria-describedby': 'expected-lines-hint expected-lines-error',
    placeholder: '每行一个单位：区划代码 单位名称，如\n320115101000 青溪街道\n102 桃园镇（只填本单位代码后的几位也可以）',
  });
  const error = h('p', { class: 'field-error', id: 'expected-lines-error', 'data-error-for': 'offices', role: 'alert', hidden: true });
  const hint = h('p', { class: 'hint', id: 'expected-lines-hint' });
  const saveBtn = h('button', { id: 'expected-lines-save', type: 'button', class: 'btn btn-primary' }, '加入应报名单');
  const proposeBtn = h('button', { id: 'expected-lines-propose', type: 'button', class: 'btn btn-secondary' }, '重新按收到的文件提议');
  // Named for what it holds: with nothing to propose it is where offices are typed in.
  const title = h('h2', { id: 'expected-lines-title' }, '应报名单（按收到的文件提议）');
  const el = h('section', { class: 'card expected-lines-card', 'aria-labelledby': 'expected-lines-title' },
    h('div', { class: 'card-header' },
      title,
      h('div', { class: 'button-row' }, proposeBtn)),
    hint,
    input,
    error,
    h('div', { class: 'button-row' }, saveBtn,
      h('span', { class: 'hint' }, '可以增删改每一行，或从 Excel 复制“区划代码、单位名称”两列粘贴进来。')));

  saveBtn.addEventListener('click', oneAtATime(save));
  proposeBtn.addEventListener('click', () => { st.edited = false; load(); });
  input.addEventListener('input', () => { st.edited = true; });

  async function load() {
    let p;
    try {
      p = await api.proposeExpectedOffices();
    } catch (e) {
      if (!gone()) fail(e);
      return;
    }
    if (gone()) return;
    st.proposals = p ?? { prefix: '', rows: [] };
    const n = Array.isArray(st.proposals.rows) ? st.proposals.rows.length : 0;
    title.textContent = n ? '应报名单（按收到的文件提议）' : '加入应报名单';
    proposeBtn.hidden = n === 0;
    hint.textContent = n
      ? `下面是已收到文件、但还不在应报名单里的 ${n} 个单位（区划代码以本单位的 ${st.proposals.prefix ?? ''} 开头）。核对、补上还没报送的单位后，点“加入应报名单”。`
      // Said so that it holds before any file has come in too.
      : `没有要提议的单位（还没有收到文件，或收到的文件里的单位都已在应报名单中）。可以在下面每行填一个单位（区划代码以 ${st.proposals.prefix ?? ''} 开头，只填后面几位也可以），一次加入。`;
    // The example is of the level below (probe AK: a city was shown a township's).
    if (st.proposals.levelBelow === 'county') {
      input.placeholder = '每行一个单位：区划代码 单位名称，如\n320111000000 浦口区\n320113 栖霞区（写6位县/区代码，或只填本单位代码后的 2 位也可以）';
    }
    if (!st.edited) input.value = proposalLines(st.proposals);
  }

  async function save() {
    clearFieldErrors({ offices: error }, { offices: input });
    const parsed = parseExpectedLines(input.value, st.proposals?.prefix ?? '');
    if (!parsed.ok) {
      showFieldError(error, parsed.errors.join('\n'), input);
      return;
    }
    saveBtn.disabled = true;
    clearAlert?.();
    try {
      const changed = await api.setExpectedOffices(parsed.offices);
      if (gone()) return;
      toast?.(expectedListText(changed));
      st.edited = false;
      await reload();
      await load();
    } catch (e) {
      if (gone()) return;
      reportError(e, {
        fields: ['offices'],
        field: (_f, message) => showFieldError(error, message, input),
        show: alert,
        reboot: onError,
      });
    } finally {
      if (!gone()) saveBtn.disabled = false;
    }
  }

  return { el, load };
}
