// Printing a sheet of paper (A4) from any screen: the sheet goes into the body as
// `.print-sheet`, `body.printing-sheet` makes the print stylesheet show only it
// (css/app.css), the system print dialog opens, and the sheet is taken away after
// printing. Used by 打印清单 (网格事项), 未报单位名单 (报送情况) and 诉求交办单.
import { h } from './dom.js';

/** Prints `children` as the sheet `#id` (a previous one of that id is replaced). → { sheet, done } */
export function printSheet(id, ...children) {
  document.querySelector(`#${id}`)?.remove();
  const sheet = h('div', { id, class: 'print-sheet' }, ...children);
  document.body.append(sheet);
  document.body.classList.add('printing-sheet');
  const done = () => {
    sheet.remove();
    document.body.classList.remove('printing-sheet');
  };
  globalThis.addEventListener?.('afterprint', done, { once: true });
  globalThis.print?.();
  return { sheet, done };
}
