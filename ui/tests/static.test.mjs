// Static checks over the front-end source: CSP rules, no HTML strings, only
// api.js calls invoke, pure logic modules stay DOM-free, stable selectors exist.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, dirname, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const UI = fileURLToPath(new URL('..', import.meta.url));
const CSP = "default-src 'self'; connect-src ipc: http://ipc.localhost; img-src 'self' data:; style-src 'self'";

function filesUnder(dir, ext) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p, ext));
    else if (p.endsWith(ext)) out.push(p);
  }
  return out.sort();
}

const jsFiles = filesUnder(join(UI, 'js'), '.js');
const rel = (p) => relative(UI, p).split('\\').join('/');
const read = (p) => readFileSync(p, 'utf8');
/** Source without // and /* comments, so rules apply to code only. */
const code = (p) => read(p).replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
const html = read(join(UI, 'index.html'));
const css = read(join(UI, 'css', 'app.css'));

describe('index.html', () => {
  test('language, charset and title', () => {
    assert.match(html, /<html lang="zh-CN">/);
    assert.match(html, /<meta charset="utf-8">/i);
    assert.match(html, /<title>基层治理台账<\/title>/);
  });

  test('carries the exact CSP', () => {
    const m = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/);
    assert.ok(m, 'CSP meta tag missing');
    assert.equal(m[1], CSP);
  });

  test('only the module script and the stylesheet', () => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.equal(scripts.length, 1);
    assert.match(scripts[0][1], /type="module"/);
    assert.match(scripts[0][1], /src="js\/main\.js"/);
    assert.equal(scripts[0][2].trim(), '', 'no inline script content');
    const links = [...html.matchAll(/<link\b[^>]*>/g)].map((m) => m[0]);
    assert.deepEqual(links, ['<link rel="stylesheet" href="css/app.css">']);
  });

  test('no inline styles or handlers', () => {
    assert.doesNotMatch(html, /\sstyle\s*=/i);
    assert.doesNotMatch(html, /<style/i);
    assert.doesNotMatch(html, /\son[a-z]+\s*=/i);
  });

  test('has the shared feedback elements', () => {
    assert.match(html, /id="toast"/);
    assert.match(html, /id="alert"[^>]*role="alert"/);
    assert.match(html, /id="app"/);
    assert.match(html, /id="banners"/);
  });
});

describe('JavaScript rules', () => {
  test('found the modules', () => {
    const names = jsFiles.map(rel);
    for (const f of ['js/main.js', 'js/api.js', 'js/dom.js', 'js/views/setup.js', 'js/views/hierarchy.js',
      'js/views/recycle.js', 'js/views/changelog.js', 'js/views/settings.js',
      'js/logic/tree.js', 'js/logic/form.js', 'js/logic/format.js']) {
      assert.ok(names.includes(f), `${f} missing`);
    }
  });

  const forbidden = [
    [/innerHTML/, 'innerHTML'],
    [/outerHTML/, 'outerHTML'],
    [/insertAdjacentHTML/, 'insertAdjacentHTML'],
    [/document\.write/, 'document.write'],
    [/\.style\s*(\.|=|\[)/, 'el.style'],
    [/setAttribute\(\s*['"]style/, "setAttribute('style')"],
    [/\beval\s*\(/, 'eval'],
    [/new\s+Function\s*\(/, 'new Function'],
    [/\bcreateContextualFragment\b/, 'createContextualFragment'],
    [/\bfetch\s*\(/, 'fetch'],
    [/https?:\/\//, 'network URL'],
  ];
  for (const file of jsFiles) {
    test(`${rel(file)} follows the CSP and safe-DOM rules`, () => {
      const src = code(file);
      for (const [re, what] of forbidden) assert.doesNotMatch(src, re, `${what} in ${rel(file)}`);
    });
  }

  test('only api.js calls invoke or touches __TAURI__', () => {
    for (const file of jsFiles) {
      if (rel(file) === 'js/api.js') continue;
      const src = code(file);
      assert.doesNotMatch(src, /__TAURI__/, rel(file));
      assert.doesNotMatch(src, /\binvoke\s*\(/, rel(file));
    }
    assert.match(code(join(UI, 'js', 'api.js')), /__TAURI__/);
  });

  test('logic modules do not touch the DOM', () => {
    for (const file of jsFiles.filter((f) => rel(f).startsWith('js/logic/'))) {
      const src = code(file);
      assert.doesNotMatch(src, /\b(document|window|HTMLElement|localStorage)\b/, rel(file));
      for (const m of src.matchAll(/from\s+'([^']+)'/g)) {
        assert.ok(m[1].startsWith('./'), `${rel(file)} imports ${m[1]} outside logic/`);
      }
    }
  });

  test('every relative import points at a file that exists', () => {
    for (const file of jsFiles) {
      for (const m of code(file).matchAll(/(?:import|export)\s[^'"]*?from\s+'([^']+)'/g)) {
        const target = resolve(dirname(file), m[1]);
        assert.ok(existsSync(target), `${rel(file)} imports missing ${m[1]}`);
      }
    }
  });

  test('every module loads in Node (named imports resolve)', async () => {
    for (const file of jsFiles) {
      await import(pathToFileURL(file).href);
    }
  });

  test('views export their mount functions', async () => {
    const expected = {
      'setup.js': 'mountSetup',
      'hierarchy.js': 'mountHierarchy',
      'recycle.js': 'mountRecycle',
      'changelog.js': 'mountChangelog',
      'settings.js': 'mountSettings',
    };
    for (const [file, fn] of Object.entries(expected)) {
      const mod = await import(pathToFileURL(join(UI, 'js', 'views', file)).href);
      assert.equal(typeof mod[fn], 'function', `${file} exports ${fn}`);
    }
  });
});

describe('stable selectors used by end-to-end tests exist', () => {
  const all = jsFiles.map(read).join('\n') + html;
  // ids written literally in the source (unit-code, unit-name, unit-households and
  // unit-residents are built from the field name, checked below).
  const ids = [
    'setup-level', 'setup-code', 'setup-name', 'setup-submit',
    'unit-tree', 'new-village', 'unit-form', 'unit-areaType', 'unit-boundary', 'unit-note', 'unit-continue',
    'unit-save', 'unit-cancel', 'unit-delete', 'unit-move-target', 'unit-move',
    'toast', 'alert', 'office-name', 'demo-badge',
  ];
  for (const id of ids) {
    test(`#${id}`, () => {
      assert.ok(all.includes(`id: '${id}'`) || all.includes(`id="${id}"`), id);
    });
  }

  test('count and text inputs are built with unit-<field> ids and field names', () => {
    const src = read(join(UI, 'js', 'views', 'hierarchy.js'));
    assert.match(src, /id: `unit-\$\{field\}`, name: field/);
    for (const f of ['households', 'residents', 'code', 'name']) assert.match(src, new RegExp(`text\\('${f}'`));
  });

  test('nav entries', () => {
    const main = read(join(UI, 'js', 'main.js'));
    for (const v of ['hierarchy', 'recycle', 'changelog', 'settings']) assert.match(main, new RegExp(`id: '${v}'`));
    assert.match(main, /'data-nav': v\.id/);
  });

  test('tree items and error slots', () => {
    const src = read(join(UI, 'js', 'views', 'hierarchy.js'));
    assert.match(src, /role: 'treeitem'/);
    assert.match(src, /'data-id': key/);
    assert.match(src, /'data-kind': u\.kind/);
    assert.match(src, /class: 'node-name'/);
    assert.match(src, /'data-new-kind': k/);
    assert.match(src, /'data-error-for': field/);
    assert.match(read(join(UI, 'js', 'views', 'setup.js')), /'data-error-for': field/);
  });
});

describe('user-facing Chinese text from the brief', () => {
  const src = (f) => read(join(UI, 'js', f));
  const cases = [
    ['views/setup.js', ['欢迎使用基层治理台账', '请设置本机服务的单位。设置后，本机录入的每条记录都归属该单位。',
      '12位数字，如 320115101000', '保存并开始', '层级', '统计用区划代码', '单位名称']],
    ['logic/form.js', ['乡镇/街道', '县/区', "'市'", '城镇', '农村', '户数', '人口', '边界描述', '备注']],
    ['views/hierarchy.js', ['新建村/社区', '搜索名称或代码', '保存后继续新建同级', 'Enter 保存 · Esc 取消',
      '已保存', '确定删除“${unit.name}”吗？删除后可在回收站恢复。', '移动到…', '新建下级']],
    ['views/recycle.js', ['回收站是空的', '类型', '摘要', '删除时间', '操作人', '恢复']],
    ['views/changelog.js', ['上一页', '下一页', '时间', '操作人', '操作', '记录摘要', '详情', 'PAGE_SIZE = 50']],
    ['views/settings.js', ['本单位', '数据库文件', '备份文件夹', '立即备份', '数据检查', 'RESTORE_CONFIRM']],
    ['main.js', ['组织架构', '回收站', '变更记录', "'设置'", '示例数据', 'setAsidePath', 'latestBackup', 'location.reload()']],
  ];
  for (const [file, texts] of cases) {
    test(file, () => {
      const s = src(file);
      for (const t of texts) assert.ok(s.includes(t), `${file} lacks ${t}`);
    });
  }
});

describe('CSS', () => {
  test('no remote resources or imports', () => {
    assert.doesNotMatch(css, /@import/);
    assert.doesNotMatch(css, /url\(\s*['"]?https?:/);
  });
  test('uses the CJK font stack and a 14px base', () => {
    assert.match(css, /"Noto Sans CJK SC",\s*"Microsoft YaHei",\s*"PingFang SC"/);
    assert.match(css, /font-size:\s*14px/);
  });
  test('hidden always hides and focus is visible', () => {
    assert.match(css, /\[hidden\]\s*\{\s*display:\s*none\s*!important;?\s*\}/);
    assert.match(css, /:focus-visible\s*\{[^}]*outline:\s*2px solid/);
  });
});
