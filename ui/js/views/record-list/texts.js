// The toasts and questions of a record list in the one wording every list uses:
// what 保存 says after a new record, and the texts of a delete into the recycle bin.

/**
 * A list's `savedText` when the toast of a new record names it: "已新增{noun}“{name}”",
 * the name read from `key` of the record saved (else of the input sent); an edit
 * says `edited` ('已保存').
 */
export function createdText(noun, { key = 'name', edited = '已保存' } = {}) {
  return (saved, creating, input) => (creating ? `已新增${noun}“${saved?.[key] ?? input?.[key]}”` : edited);
}

/**
 * The delete texts of a record that goes to the recycle bin, in the one wording
 * every list uses: "确定删除{noun}“{name}”吗？{rule}删除后可在回收站恢复。", then
 * "已删除“{name}”，可在回收站恢复". `rule` says what blocks the delete (ends in 。);
 * `hint` stands under the button (default: the rule, then where it can be restored).
 * `blocked(record)`: why the list already knows it cannot go ('' when it may), said
 * under the button instead of asking.
 */
export function recycleTexts({ button, noun, name, rule = '', hint, blocked }) {
  const of = (r) => name(r) ?? '';
  return {
    button,
    blocked,
    message: (r) => `确定删除${noun}“${of(r)}”吗？${rule}删除后可在回收站恢复。`,
    done: (r) => `已删除“${of(r)}”，可在回收站恢复`,
    hint: hint ?? `${rule}删除后可在回收站恢复。`,
  };
}
