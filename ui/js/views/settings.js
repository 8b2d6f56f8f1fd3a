// 设置: the office, where the data lives, backups and the data check.
import { h, clear, thead } from '../dom.js';
import { confirmDialog, promptDialog } from '../dialog.js';
import { formatDateTime, formatBytes } from '../logic/format.js';
import { levelLabel, severityLabel, restoreQuestion } from '../logic/labels.js';
import { changesAfterText } from '../logic/changes.js';
import { reportError } from '../logic/errors.js';

/** How many of the newest change-log rows 从备份恢复 reads to say what goes back. */
const UNDONE_ROWS = 200;

export function mountSettings(container, { api, status, toast, alert, clearAlert, onError, onDataReplaced }) {
  let disposed = false;
  const office = status?.office ?? {};

  const fail = (e) => reportError(e, { show: alert, reboot: onError });

  const backupList = h('div', { id: 'backup-list' }, h('p', { class: 'loading' }, '正在加载…'));
  const backupNow = h('button', { type: 'button', id: 'backup-now', class: 'btn btn-primary' }, '立即备份');
  // A backup copied from the old PC, on a USB drive or renamed: not in the list.
  const fromFile = h('button', { type: 'button', id: 'restore-from-file', class: 'btn btn-secondary' }, '从其他位置恢复…');
  const checkButton = h('button', { type: 'button', id: 'check-db', class: 'btn btn-secondary' }, '数据检查');
  const checkResult = h('div', { id: 'check-result', class: 'check-result', 'aria-live': 'polite' });
  // 操作人: who the change log and the recycle bin name (本机 for every clerk of a
  // shared PC, probe AB).
  const operatorInput = h('input', {
    id: 'settings-operator', maxlength: '20', size: 16, value: status?.operator ?? '', placeholder: '本机', 'aria-describedby': 'settings-operator-hint',
  });
  const operatorSave = h('button', { type: 'button', id: 'settings-operator-save', class: 'btn btn-secondary btn-small' }, '保存');
  const operatorError = h('p', { class: 'field-error', id: 'settings-operator-error', role: 'alert', hidden: true });

  container.append(h('section', { class: 'view settings', 'aria-labelledby': 'settings-title' },
    h('div', { class: 'view-header' }, h('h1', { id: 'settings-title' }, '设置')),
    h('section', { class: 'card', 'aria-labelledby': 'office-title' },
      h('h2', { id: 'office-title' }, '本单位'),
      h('dl', { class: 'info-grid' },
        h('dt', {}, '层级'), h('dd', { id: 'settings-level' }, levelLabel(office.level)),
        h('dt', {}, '统计用区划代码'), h('dd', { id: 'settings-code' }, office.code ?? ''),
        h('dt', {}, '单位名称'), h('dd', { id: 'settings-name' }, office.name ?? ''),
        office.isDemo ? [h('dt', {}, '数据'), h('dd', {}, h('span', { class: 'badge-demo' }, '示例数据'))] : null),
      h('div', { class: 'field-row' }, h('label', { for: 'settings-operator' }, '操作人'), operatorInput, operatorSave),
      h('p', { class: 'hint', id: 'settings-operator-hint' }, '写入“变更记录”和“回收站”的操作人。几个人共用这台电脑时，换人后改成自己的名字；空着记为“本机”。'),
      operatorError),
    h('section', { class: 'card', 'aria-labelledby': 'files-title' },
      h('h2', { id: 'files-title' }, '数据文件'),
      h('dl', { class: 'info-grid' },
        h('dt', {}, '数据库文件'), h('dd', {}, h('code', { class: 'path', id: 'db-path' }, status?.dbPath ?? '')),
        h('dt', {}, '备份文件夹'), h('dd', {}, h('code', { class: 'path', id: 'backup-dir' }, status?.backupDir ?? '')),
        status?.appVersion ? [h('dt', {}, '程序版本'), h('dd', {}, status.appVersion)] : null)),
    h('section', { class: 'card', 'aria-labelledby': 'backups-title' },
      h('div', { class: 'card-header' },
        h('h2', { id: 'backups-title' }, '备份'),
        h('div', { class: 'button-row' }, fromFile, backupNow)),
      h('p', { class: 'hint', id: 'restore-from-file-hint' }, '换了电脑，或备份存在U盘上：点“从其他位置恢复…”，选择从旧电脑复制来的备份文件（.db）。'),
      backupList),
    h('section', { class: 'card', 'aria-labelledby': 'check-title' },
      h('div', { class: 'card-header' },
        h('h2', { id: 'check-title' }, '数据检查'),
        checkButton),
      h('p', { class: 'hint' }, '检查数据库文件是否完好，以及数据中是否有需要注意的地方。'),
      checkResult)));

  operatorSave.addEventListener('click', async () => {
    operatorError.hidden = true;
    try {
      const name = await api.setOperator(operatorInput.value);
      if (disposed) return;
      operatorInput.value = name === '本机' ? '' : name;
      // The screen opened again shows it (the status is read once per start).
      if (status) status.operator = operatorInput.value;
      toast(`以后的修改记为“${name}”操作`);
    } catch (e) {
      if (disposed) return;
      if (e?.field === 'operator') {
        operatorError.textContent = e.message;
        operatorError.hidden = false;
        operatorInput.focus?.();
      } else fail(e);
    }
  });

  async function loadBackups() {
    let backups;
    try {
      backups = await api.listBackups();
    } catch (e) {
      if (disposed) return;
      clear(backupList, h('p', { class: 'empty-state' }, '备份列表没有加载成功。'));
      fail(e);
      return;
    }
    if (disposed) return;
    backups = Array.isArray(backups) ? backups : [];
    if (!backups.length) {
      clear(backupList, h('p', { class: 'empty-state', id: 'backup-empty' }, '还没有备份。点击“立即备份”备份一次。'));
      return;
    }
    clear(backupList, h('p', { class: 'hint', id: 'backup-name-time' }, '文件名里的时间是世界标准时间（比北京时间晚 8 小时），“时间”一列是北京时间。'),
      h('table', { class: 'data-table', id: 'backup-table' },
      thead('时间', '单位', '文件名', '大小', { sr: '操作' }),
      h('tbody', {}, backups.map((b) => {
        // A damaged file is said so and not offered (it was listed as 其他数据库 and its
        // 恢复 asked to replace this office's data with it: probe AB).
        const button = h('button', {
          type: 'button', class: 'btn btn-secondary btn-small', 'data-file-name': b.fileName,
          'aria-label': `恢复备份 ${b.fileName}`, disabled: b.damaged ? true : null,
          title: b.damaged ? '这个备份文件已损坏（可能没有复制完整），不能用来恢复。' : null,
        }, '恢复');
        button.addEventListener('click', () => restore(b.fileName, button, b));
        const badge = b.damaged
          ? h('span', { class: 'badge badge-bad badge-after', 'data-damaged': '' }, '已损坏')
          : b.sameDatabase ? null : h('span', { class: 'badge badge-warn badge-after', title: '这个备份来自另一个数据库' }, '其他数据库');
        return h('tr', {},
          // To the second: backups taken the same minute (before a restore, then the
          // restore's own) read as one time otherwise.
          h('td', { class: 'cell-time' }, formatDateTime(b.takenAt, { seconds: true })),
          h('td', { class: 'cell-owner' },
            b.officeName ? `${b.officeName}（${b.officeCode}）` : '—', badge),
          h('td', {}, h('code', { class: 'path', title: b.path ?? '' }, b.fileName),
            b.occasion ? h('span', { class: 'badge badge-after' }, b.occasion) : null),
          h('td', { class: 'cell-num' }, formatBytes(b.sizeBytes)),
          h('td', { class: 'cell-actions' }, button));
      }))));
  }

  /** Restores a backup named in the list (`listed`: its BackupInfo), or a backup file's full path. */
  async function restore(fileName, button, listed = null) {
    // What goes back: the changes logged after the backup (this database's own only).
    let undone = '';
    if (listed?.takenAt && listed.sameDatabase === true) {
      const rows = await api.listChangeLog({ limit: UNDONE_ROWS }).catch(() => null);
      if (Array.isArray(rows)) undone = changesAfterText(rows, listed.takenAt, rows.length === UNDONE_ROWS);
    }
    if (disposed) return;
    const ok = await confirmDialog({ title: '从备份恢复', message: restoreQuestion(listed, office, undone), okText: '恢复', danger: true });
    if (!ok || disposed) return;
    button.disabled = true;
    clearAlert?.();
    try {
      let result;
      try {
        result = await api.restoreBackup(fileName);
      } catch (e) {
        // A backup of another database: the clerk confirms by typing its office's name.
        if (e?.field !== 'confirm') throw e;
        const name = await promptDialog({
          title: '恢复另一个数据库的备份', message: e.message, label: '单位名称', okText: '恢复', danger: true,
        });
        if (!name || disposed) { if (button.isConnected) button.disabled = false; return; }
        result = await api.restoreBackup(fileName, name);
      }
      const safety = result?.safetyBackup?.fileName;
      // Which backup the data went back to (probe AB: the message said only 已恢复备份).
      // To the second, as the list says it (two backups in one minute, probe AD).
      const which = listed?.takenAt ? `已恢复到 ${formatDateTime(listed.takenAt, { seconds: true })} 的备份` : '已恢复备份';
      await onDataReplaced?.(safety
        ? `${which}。恢复前的数据已另存为 ${safety}`
        : which, result?.missingFiles ? result.missingAdvice ?? '' : '');
    } catch (e) {
      if (button.isConnected) button.disabled = false;
      fail(e);
    }
  }

  // Chosen, then looked at: a file that is no backup is refused before any
  // question, and the question names the backup's office and time.
  fromFile.addEventListener('click', async () => {
    clearAlert?.();
    let info;
    try {
      const path = await api.chooseOpenFile('选择备份文件', 'backup');
      if (!path || disposed) return;
      info = { ...(await api.inspectBackup(path)), path };
    } catch (e) {
      fail(e);
      return;
    }
    if (!disposed) await restore(info.path, fromFile, info);
  });

  backupNow.addEventListener('click', async () => {
    backupNow.disabled = true;
    clearAlert?.();
    try {
      const info = await api.backupNow();
      if (disposed) return;
      // When, as the clerk's clock reads it; the file's name is in the list below.
      toast(info?.takenAt ? `已备份（${formatDateTime(info.takenAt)}）` : '已备份');
      await loadBackups();
    } catch (e) {
      if (!disposed) fail(e);
    } finally {
      backupNow.disabled = false;
    }
  });

  checkButton.addEventListener('click', async () => {
    checkButton.disabled = true;
    clear(checkResult, h('p', { class: 'loading' }, '正在检查…'));
    try {
      const report = await api.checkDatabase();
      if (disposed) return;
      renderCheck(report ?? {});
    } catch (e) {
      if (disposed) return;
      clear(checkResult);
      fail(e);
    } finally {
      checkButton.disabled = false;
    }
  });

  function renderCheck(report) {
    const ok = report.integrity === 'ok';
    const findings = Array.isArray(report.findings) ? report.findings : [];
    clear(checkResult,
      h('p', { class: ['check-integrity', ok ? 'is-ok' : 'is-bad'], id: 'check-integrity' },
        ok ? '数据库文件完好。' : `数据库文件有损坏：${report.integrity ?? ''}。请先“立即备份”，再联系技术支持。`),
      findings.length
        ? h('ul', { class: 'findings', id: 'check-findings' }, findings.map((f) => h('li', { class: ['finding', `finding-${f.severity}`] },
          h('span', { class: ['severity-tag', `severity-${f.severity}`] }, severityLabel(f.severity)),
          ' ',
          h('span', {}, f.message ?? ''))))
        : h('p', { class: 'hint', id: 'check-no-findings' }, '没有发现需要注意的问题。'),
      h('p', { class: 'hint' }, `检查时间：${formatDateTime(new Date())}`));
  }

  loadBackups();
  return () => { disposed = true; };
}
