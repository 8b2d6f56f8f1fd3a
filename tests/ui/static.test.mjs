// Static checks over the front-end source: CSP rules, no HTML strings, only
// api.js calls invoke, pure logic modules stay DOM-free, stable selectors exist.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, dirname, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createHash } from 'node:crypto';

const UI = fileURLToPath(new URL('../../ui', import.meta.url));

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

  test('names no address and leaves the CSP to tauri.conf.json, which Tauri applies', () => {
    assert.doesNotMatch(html, /Content-Security-Policy/, 'one policy, in tauri.conf.json');
    assert.doesNotMatch(html, /[a-z]+:\/\//i, 'no URL of any scheme');
    const conf = JSON.parse(readFileSync(new URL('../../src-tauri/tauri.conf.json', import.meta.url), 'utf8'));
    const csp = Object.fromEntries(conf.app.security.csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    assert.deepEqual(csp['default-src'], ["'self'"]);
    assert.deepEqual(csp['style-src'], ["'self'"]);
    assert.deepEqual(csp['img-src'], ["'self'", 'data:']);
    assert.equal(csp['script-src'], undefined, 'scripts fall back to default-src: self only');
    assert.doesNotMatch(conf.app.security.csp, /unsafe-|https?:\/\/(?!ipc\.localhost)/);
  });

  test('only the module script and the stylesheet; ECharts is read by the dashboard after its figures', () => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.equal(scripts.length, 1);
    assert.match(scripts[0][1], /type="module"/);
    assert.match(scripts[0][1], /src="js\/main\.js"/);
    assert.match(read(join(UI, 'js', 'views', 'dashboard.js')), /'vendor\/echarts\/echarts\.min\.js'/);
    for (const s of scripts) assert.equal(s[2].trim(), '', 'no inline script content');
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

describe('vendored Apache ECharts', () => {
  const dir = join(UI, 'vendor', 'echarts');
  test('pinned 5.6.0 with its licence and notice', () => {
    assert.equal(read(join(dir, 'VERSION')).trim(), '5.6.0');
    assert.match(read(join(dir, 'README.md')), /echarts@5\.6\.0/);
    assert.match(read(join(dir, 'LICENSE')), /Apache License/);
    assert.match(read(join(dir, 'NOTICE')), /Apache ECharts/);
    assert.ok(existsSync(join(dir, 'licenses', 'LICENSE-d3')));
  });
  test('the minified build is the 5.6.0 one', () => {
    const src = read(join(dir, 'echarts.min.js'));
    assert.ok(src.length > 500000, 'echarts.min.js looks truncated');
    assert.match(src, /version\s*=\s*"5\.6\.0"|"5\.6\.0"/);
  });
});

describe('vendored PDF.js', () => {
  const dir = join(UI, 'vendor', 'pdfjs');
  test('pinned 4.10.38 (no WebAssembly) with its licence and checksums', () => {
    assert.equal(read(join(dir, 'VERSION')).trim(), '4.10.38');
    const readme = read(join(dir, 'README.md'));
    assert.match(readme, /pdfjs-dist@4\.10\.38/);
    assert.match(read(join(dir, 'LICENSE')), /Apache License/);
    for (const f of ['pdf.min.mjs', 'pdf.worker.min.mjs']) {
      const sum = createHash('sha256').update(readFileSync(join(dir, f))).digest('hex');
      assert.ok(readme.includes(sum), `${f}: README names its SHA-256 ${sum}`);
    }
    assert.deepEqual(readdirSync(dir).filter((f) => /\.wasm$/.test(f)), []);
  });
  test('the bundled Chinese CMaps are the package\'s files, byte for byte', async () => {
    const { CMAPS } = await import(pathToFileURL(join(dir, 'cmaps-gb.mjs')).href);
    const sums = read(join(dir, 'cmaps-gb.sha256')).trim().split('\n').map((l) => l.split(/\s+/));
    assert.equal(sums.length, 33);
    assert.deepEqual(Object.keys(CMAPS).sort(), sums.map(([, f]) => f.replace(/\.bcmap$/, '')).sort());
    for (const [sum, f] of sums) {
      const bytes = Buffer.from(CMAPS[f.replace(/\.bcmap$/, '')], 'base64');
      assert.equal(createHash('sha256').update(bytes).digest('hex'), sum, f);
    }
    assert.ok(CMAPS['UniGB-UCS2-H'] && CMAPS['Adobe-GB1-UCS2'] && CMAPS['GBK-EUC-H']);
  });
  test('read only when a preview opens: a dynamic import in preview.js, nowhere else', () => {
    assert.doesNotMatch(html, /pdfjs/);
    const preview = code(join(UI, 'js', 'views', 'preview.js'));
    assert.match(preview, /import\(PDFJS\)/);
    assert.match(preview, /'\.\.\/\.\.\/vendor\/pdfjs\/pdf\.min\.mjs'/);
    assert.match(preview, /isEvalSupported: false/);
    for (const file of jsFiles.filter((f) => !f.endsWith(join('views', 'preview.js')))) {
      assert.doesNotMatch(code(file), /vendor\/pdfjs/, rel(file));
    }
  });
});

describe('JavaScript rules', () => {
  test('found the modules', () => {
    const names = jsFiles.map(rel);
    for (const f of ['js/main.js', 'js/api.js', 'js/dom.js', 'js/dialog.js', 'js/forms.js', 'js/files.js',
      'js/views/setup.js', 'js/views/hierarchy/index.js',
      'js/views/recycle.js', 'js/views/changelog.js', 'js/views/settings.js',
      'js/views/people/index.js', 'js/views/import.js', 'js/views/export.js', 'js/views/business-grids/index.js',
      'js/logic/tree.js', 'js/logic/form.js', 'js/logic/format.js',
      'js/logic/people.js', 'js/logic/notice.js', 'js/logic/bizgrids.js', 'js/logic/importing.js',
      'js/views/dashboard.js', 'js/views/exchange.js', 'js/views/senders/index.js', 'js/views/report.js',
      'js/logic/exchange.js', 'js/logic/senders.js', 'js/logic/report.js', 'js/logic/charts.js',
      'js/views/party.js', 'js/views/party-sanliang/index.js', 'js/views/party-committees/index.js', 'js/views/party-meetings/index.js',
      'js/views/cobuild.js', 'js/views/cobuild-projects/index.js', 'js/views/workflow.js', 'js/logic/workflows.js', 'js/views/cobuild-partners.js', 'js/views/excel-tools.js',
      'js/views/tabbed.js', 'js/logic/party.js', 'js/logic/cobuild.js', 'js/logic/fields.js',
      'js/views/decisions.js', 'js/views/record-list/index.js', 'js/views/contacts.js', 'js/views/contacts-leaders.js',
      'js/views/contacts-points.js', 'js/views/contacts-coverage.js', 'js/views/contacts-departments.js', 'js/views/demands.js',
      'js/views/demands-list/index.js', 'js/views/demands-coordination.js', 'js/logic/contacts.js', 'js/logic/demands.js']) {
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

  test('dates are typed as 2026-03-01 everywhere: no native date box (WebKit shows it as 12/03/2026)', () => {
    for (const file of jsFiles) {
      assert.doesNotMatch(code(file), /h\('input',\s*\{[^}]*type:\s*'date'/, rel(file));
    }
  });

  test('chart tooltips are rich text, never HTML (the strict CSP and textContent rule)', () => {
    assert.match(code(join(UI, 'js', 'logic', 'charts.js')), /renderMode: 'richText'/);
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
      'hierarchy/index.js': 'mountHierarchy',
      'recycle.js': 'mountRecycle',
      'changelog.js': 'mountChangelog',
      'settings.js': 'mountSettings',
      'people/index.js': 'mountPeople',
      'business-grids/index.js': 'mountBusinessGrids',
      'import.js': 'openImportDialog',
      'export.js': 'openExportDialog',
      'dashboard.js': 'mountDashboard',
      'exchange.js': 'mountExchange',
      'senders/index.js': 'mountSenders',
      'report.js': 'mountReport',
      'party.js': 'mountParty',
      'party-sanliang/index.js': 'mountSanliang',
      'party-committees/index.js': 'mountCommittees',
      'party-meetings/index.js': 'mountMeetings',
      'cobuild.js': 'mountCobuild',
      'cobuild-projects/index.js': 'mountProjects',
      'workflow.js': 'mountWorkflow',
      'cobuild-partners.js': 'mountPartners',
      'excel-tools.js': 'excelTools',
      'tabbed.js': 'tabbedView',
      'decisions.js': 'decisionsEditor',
      'record-list/index.js': 'mountRecordList',
      'contacts.js': 'mountContacts',
      'contacts-leaders.js': 'mountLeaders',
      'contacts-points.js': 'mountPoints',
      'contacts-coverage.js': 'mountCoverage',
      'contacts-departments.js': 'mountDepartments',
      'demands.js': 'mountDemands',
      'demands-list/index.js': 'mountDemandList',
      'demands-coordination.js': 'mountCoordination',
    };
    for (const [file, fn] of Object.entries(expected)) {
      const mod = await import(pathToFileURL(join(UI, 'js', 'views', file)).href);
      assert.equal(typeof mod[fn], 'function', `${file} exports ${fn}`);
    }
  });
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
  test('the report prints its title and table only', () => {
    const print = css.slice(css.indexOf('@media print'));
    for (const sel of ['.print-only', '.no-print', '.report-table']) assert.ok(print.includes(sel), sel);
    assert.match(css, /\.print-only\s*\{\s*display:\s*none;?\s*\}/);
  });

  test('the notice card prints on A4 with everything else hidden', () => {
    assert.match(css, /@page\s*\{\s*size:\s*A4;\s*margin:\s*15mm;?\s*\}/);
    const print = css.slice(css.indexOf('@media print'));
    assert.ok(css.includes('@media print'));
    for (const sel of ['.header', '.nav', '.notice-toolbar', '.hierarchy']) assert.ok(print.includes(sel), sel);
  });

  test('hidden always hides and focus is visible', () => {
    assert.match(css, /\[hidden\]\s*\{\s*display:\s*none\s*!important;?\s*\}/);
    assert.match(css, /:focus-visible\s*\{[^}]*outline:\s*2px solid/);
  });
});
