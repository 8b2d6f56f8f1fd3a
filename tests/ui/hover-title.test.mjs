// A list box whose chosen text is longer than the box shows it whole on hover.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installDom, dispatch } from './dom-env.mjs';
import { h, titleChosenOnHover } from '../../ui/js/dom.js';

test('hovering a list box puts its chosen text in its tooltip, as it is now', async () => {
  const dom = installDom();
  try {
    titleChosenOnHover(document);
    const box = h('select', { id: 'leader' },
      h('option', { value: '1' }, '何静（乡镇/街道 · 党工委副书记）'),
      h('option', { value: '2' }, '高建平（乡镇/街道 · 党工委书记）'));
    dom.body.append(h('div', {}, box));
    for (const option of box.querySelectorAll('option')) {
      box.value = option.value;
      await dispatch(box, 'mouseover');
      assert.equal(box.title, option.textContent);
    }
    assert.equal(box.title, '高建平（乡镇/街道 · 党工委书记）');
  } finally {
    dom.cleanup();
  }
});
