// 回收站: which kinds the deleted records are (for the 类型 filter) and the records a
// filter and a search leave. Pure, tested with node --test.

/** The kinds among `entries`, each once with how many: [{ value: table, label: '人员（3）' }], by name. */
export function recycledKinds(entries) {
  const kinds = new Map();
  for (const e of entries ?? []) {
    const k = kinds.get(e?.tableName) ?? { value: String(e?.tableName ?? ''), name: String(e?.kindLabel ?? e?.tableName ?? ''), n: 0 };
    k.n += 1;
    kinds.set(e?.tableName, k);
  }
  return [...kinds.values()]
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN'))
    .map((k) => ({ value: k.value, label: `${k.name}（${k.n}）` }));
}

/** The entries of kind `table` ('' = all) whose summary, kind or deleting operator holds `text`. */
export function filterRecycled(entries, { table = '', text = '' } = {}) {
  const q = String(text ?? '').trim().toLowerCase();
  return (entries ?? []).filter((e) => (!table || e?.tableName === table)
    && (!q || [e?.summary, e?.kindLabel, e?.deletedBy].some((s) => String(s ?? '').toLowerCase().includes(q))));
}

/**
 * The entries deleted along with another still in the bin (a 培训's 28 参加人员,
 * each saying 恢复培训时一起恢复): they come back with it, and the bin folds them
 * under it unless asked (one deleted 培训 filled the list with 29 rows, probe AB).
 */
export function takenAlong(entries) {
  const list = Array.isArray(entries) ? entries : [];
  const parents = new Set(list.filter((e) => String(e?.summary ?? '').includes('（连同 ')).map((e) => String(e?.deletedAt ?? '')));
  return new Set(list.filter((e) => String(e?.summary ?? '').endsWith('时一起恢复）') && parents.has(String(e?.deletedAt ?? ''))));
}

/** "共 12 条" or, filtered, "显示 3 / 共 12 条". */
export function recycledCount(shown, total) {
  return shown === total ? `共 ${total} 条` : `显示 ${shown} / 共 ${total} 条`;
}

/**
 * "已恢复委员“老委员甲”" from a summary that quotes its own name, "已恢复“王网格”" from
 * one that does not (it read 已恢复“共建单位“石塘村农业合作社””).
 */
export function restoredText(summary) {
  return `已恢复${named(summary)}`;
}

/** A bin entry's summary in a sentence: quoted unless it quotes its own name. */
function named(summary) {
  const s = String(summary ?? '').trim();
  return s.includes('“') ? s : `“${s}”`;
}

/** 彻底删除's question: what goes, that it cannot come back, and what stays (a
 * record that holds numbers, a person's: said, not of a unit that has none). */
export function purgeQuestion(summary, tableName = '') {
  const numbers = PERSONAL_TABLES.has(tableName) ? '（包括身份证号码、手机号码）' : '';
  return `确定彻底删除${named(summary)}吗？彻底删除后不能再恢复，它的全部内容${numbers}不再保存在本机的回收站里；变更记录里仍有它被删除的记录。`;
}

/** The kinds whose records hold a person's ID or phone number. */
const PERSONAL_TABLES = new Set(['people', 'training_participants', 'leaders', 'demands', 'callbacks', 'partner_units']);

/** What 彻底删除 says when done: `gone` entries, the others taken along with it. */
export function purgedText(summary, gone) {
  const more = Number(gone) > 1 ? `（连同随它删除的 ${Number(gone) - 1} 条）` : '';
  return `已彻底删除${named(summary)}${more}`;
}
