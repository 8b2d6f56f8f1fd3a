import './catalog.mjs';
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { assertRefused } from './refused.mjs';
import {
  toHalfWidth, parseCount, fieldsForKind, parseUnitForm, unitToFormValues,
  emptyUnitValues, defaultAreaType, valuesDiffer, parseSetupForm, LEVELS, AREA_TYPES,
} from '../../ui/js/logic/form.js';


describe('parseCount', () => {
  const ok = [
    ['', null],
    ['   ', null],
    [undefined, null],
    [null, null],
    ['0', 0],
    ['7', 7],
    [' 42 ', 42],
    ['007', 7],
    ['１２３', 123], // full-width digits from a Chinese IME
    ['1,234', 1234],
    ['1，234', 1234],
    ['9007199254740991', 9007199254740991],
  ];
  for (const [raw, value] of ok) {
    test(`accepts ${JSON.stringify(raw)} → ${value}`, () => {
      assert.deepEqual(parseCount(raw, 'households'), { ok: true, value });
    });
  }

  const bad = ['-1', '1.5', '1e3', 'abc', '十', '12户', '+3', '0x10', '9007199254740993', '1 2'];
  for (const raw of bad) {
    for (const field of ['households', 'residents']) {
      test(`rejects ${JSON.stringify(raw)} for ${field}`, () => {
        const r = parseCount(raw, field);
        assertRefused(r, field);
        assert.ok(r.error.message.startsWith(field === 'households' ? '户数' : '人口'), r.error.message);
      });
    }
  }
});

test('toHalfWidth', () => {
  assert.equal(toHalfWidth('ＡＢＣ１２３　x'), 'ABC123 x');
  assert.equal(toHalfWidth('中文'), '中文');
  assert.equal(toHalfWidth(null), '');
});

describe('fieldsForKind', () => {
  const cases = [
    ['village', ['code', 'name', 'areaType', 'households', 'residents', 'establishedOn', 'note']],
    ['compound', ['code', 'name', 'areaType', 'households', 'residents', 'establishedOn', 'note']],
    ['base_grid', ['code', 'name', 'areaType', 'households', 'residents', 'boundary', 'establishedOn', 'note']],
    ['micro_grid', ['code', 'name', 'areaType', 'households', 'residents', 'boundary', 'establishedOn', 'note']],
  ];
  for (const [kind, fields] of cases) {
    test(kind, () => assert.deepEqual(fieldsForKind(kind), fields));
  }
});

describe('parseUnitForm', () => {
  test('every problem at once, the first as the error', () => {
    const r = parseUnitForm({ code: '', name: ' ', areaType: 'urban', households: '十户', residents: '' }, { kind: 'base_grid', parentId: 1 });
    assert.equal(r.error.field, 'code');
    assert.deepEqual(r.problems.map((e) => e.field), ['code', 'name', 'households']);
  });
  const full = {
    code: ' 320115101001001 ', name: ' 翠屏山庄 ', areaType: 'urban',
    households: '320', residents: '', boundary: ' 1-5栋 ', establishedOn: ' ２０２６-03-01 ', note: ' 备注 ',
  };

  test('builds a UnitInput for a base grid, trimming text', () => {
    const r = parseUnitForm(full, { kind: 'base_grid', parentId: 4 });
    assert.deepEqual(r, {
      ok: true,
      input: {
        kind: 'base_grid', parentId: 4, code: '320115101001001', name: '翠屏山庄', areaType: 'urban',
        households: 320, residents: null, boundary: '1-5栋', note: '备注', establishedOn: '2026-03-01',
      },
    });
  });

  test('a village keeps its counts and drops a boundary (saving its note once cleared the 户数 an import brought)', () => {
    const r = parseUnitForm(full, { kind: 'village' });
    assert.equal(r.ok, true);
    assert.equal(r.input.parentId, null);
    assert.equal(r.input.households, 320);
    assert.equal(r.input.residents, null, 'a blank count stays blank');
    assert.equal(r.input.boundary, '');
    assert.equal(r.input.note, '备注');
  });

  test('a compound keeps counts but no boundary', () => {
    const r = parseUnitForm(full, { kind: 'compound', parentId: 1 });
    assert.equal(r.input.households, 320);
    assert.equal(r.input.boundary, '');
  });

  test("a village's counts are checked as any level's", () => {
    const r = parseUnitForm({ ...full, households: 'abc' }, { kind: 'village' });
    assert.equal(r.ok, false);
    assert.equal(r.error.field, 'households');
  });

  test('full-width code digits are converted', () => {
    const r = parseUnitForm({ ...full, code: '３２０１' }, { kind: 'compound', parentId: 1 });
    assert.equal(r.input.code, '3201');
  });

  const errors = [
    // [overrides, kind, field]
    [{ code: '' }, 'compound', 'code'],
    [{ code: '   ' }, 'compound', 'code'],
    [{ code: '3201 15' }, 'compound', 'code'],
    [{ name: '' }, 'compound', 'name'],
    [{ name: '  ' }, 'village', 'name'],
    [{ areaType: '' }, 'village', 'areaType'],
    [{ areaType: 'town' }, 'compound', 'areaType'],
    [{ households: '-3' }, 'compound', 'households'],
    [{ households: '3.5' }, 'base_grid', 'households'],
    [{ residents: 'many' }, 'micro_grid', 'residents'],
    [{ households: '12', residents: 'x' }, 'base_grid', 'residents'],
  ];
  for (const [over, kind, field] of errors) {
    test(`${kind} with ${JSON.stringify(over)} → error on ${field}`, () => {
      assertRefused(parseUnitForm({ ...full, ...over }, { kind, parentId: 1 }), field);
    });
  }

  test('the first wrong field in form order is reported', () => {
    const r = parseUnitForm({ ...full, code: '', name: '', households: 'x' }, { kind: 'base_grid', parentId: 1 });
    assert.equal(r.error.field, 'code');
  });

  test('missing values object reports the code', () => {
    assert.equal(parseUnitForm(undefined, { kind: 'village' }).error.field, 'code');
  });
});

describe('form values round trip', () => {
  test('unitToFormValues turns nulls into empty strings', () => {
    const v = unitToFormValues({
      id: 1, kind: 'base_grid', code: 'G1', name: '网格', areaType: 'rural',
      households: null, residents: 0, boundary: '东至河', note: null,
    });
    assert.deepEqual(v, {
      code: 'G1', name: '网格', areaType: 'rural', households: '', residents: '0', boundary: '东至河',
      establishedOn: '', note: '',
    });
    assert.equal(unitToFormValues({ establishedOn: '2026-03-01' }).establishedOn, '2026-03-01');
  });

  test('parse(unitToFormValues(u)) gives back the same data', () => {
    const u = {
      id: 1, kind: 'base_grid', parentId: 3, code: 'G1', name: '网格', areaType: 'urban',
      households: 12, residents: 0, boundary: 'b', note: 'n', establishedOn: '2026-03-01',
    };
    const r = parseUnitForm(unitToFormValues(u), { kind: u.kind, parentId: u.parentId });
    assert.deepEqual(r.input, {
      kind: 'base_grid', parentId: 3, code: 'G1', name: '网格', areaType: 'urban',
      households: 12, residents: 0, boundary: 'b', note: 'n', establishedOn: '2026-03-01',
    });
  });

  test('emptyUnitValues', () => {
    assert.deepEqual(emptyUnitValues({ code: 'X', areaType: 'urban' }), {
      code: 'X', name: '', areaType: 'urban', households: '', residents: '', boundary: '', establishedOn: '', note: '',
    });
    assert.equal(emptyUnitValues({ establishedOn: '2026-12-06' }).establishedOn, '2026-12-06');
    assert.equal(emptyUnitValues().areaType, 'rural');
  });

  test('valuesDiffer compares trimmed strings on the given fields only', () => {
    const a = { name: '甲', note: '' };
    assert.equal(valuesDiffer(a, { name: ' 甲 ', note: undefined }, ['name', 'note']), false);
    assert.equal(valuesDiffer(a, { name: '乙', note: '' }, ['name', 'note']), true);
    assert.equal(valuesDiffer(a, { name: '甲', note: '', extra: 'x' }, ['name', 'note']), false);
    assert.equal(valuesDiffer(a, { name: '乙' }, ['note']), false);
  });
});

describe('defaultAreaType', () => {
  const cases = [
    [{ areaType: 'urban' }, { name: '某某镇' }, 'urban'],
    [{ areaType: 'rural' }, { name: '某某街道' }, 'rural'],
    [null, { name: '秣陵街道' }, 'urban'],
    [null, { name: '秣陵街道办事处' }, 'urban'],
    [null, { name: '横溪镇' }, 'rural'],
    [null, { name: '某某乡' }, 'rural'],
    [null, null, 'rural'],
    [{ areaType: 'weird' }, { name: '秣陵街道' }, 'urban'],
  ];
  for (const [parent, office, expected] of cases) {
    test(`${JSON.stringify(parent)} / ${office?.name} → ${expected}`, () => {
      assert.equal(defaultAreaType(parent, office), expected);
    });
  }
});

describe('parseSetupForm', () => {
  const good = { level: 'township', code: '320115101000', name: '秣陵街道' };

  test('accepts a valid office', () => {
    assert.deepEqual(parseSetupForm(good), { ok: true, input: good });
  });

  const okCases = [
    [{ code: '3201 1510 1000' }, '320115101000'],
    [{ code: ' 320115101000 ' }, '320115101000'],
    [{ code: '３２０１１５１０１０００' }, '320115101000'],
    [{ level: 'county', code: '320115000000' }, '320115000000'],
    [{ level: 'city', code: '320100000000' }, '320100000000'],
  ];
  for (const [over, code] of okCases) {
    test(`normalises ${JSON.stringify(over)}`, () => {
      const r = parseSetupForm({ ...good, ...over });
      assert.equal(r.ok, true);
      assert.equal(r.input.code, code);
    });
  }

  const badCases = [
    [{ level: '' }, 'level'],
    [{ level: 'province' }, 'level'],
    [{ code: '' }, 'code'],
    [{ code: '32011510100' }, 'code'],
    [{ code: '3201151010001' }, 'code'],
    [{ code: '32011510100X' }, 'code'],
    [{ code: '320115-101000' }, 'code'],
    [{ name: '' }, 'name'],
    [{ name: '   ' }, 'name'],
  ];
  for (const [over, field] of badCases) {
    test(`rejects ${JSON.stringify(over)} on ${field}`, () => {
      assertRefused(parseSetupForm({ ...good, ...over }), field);
    });
  }

  test('the name is trimmed', () => {
    assert.equal(parseSetupForm({ ...good, name: '  秣陵街道 ' }).input.name, '秣陵街道');
  });

  test('level options are the three office levels', () => {
    assert.deepEqual(LEVELS.map((l) => [l.value, l.label]), [
      ['township', '乡镇/街道'], ['county', '县/区'], ['city', '市'],
    ]);
    assert.deepEqual(AREA_TYPES.map((a) => [a.value, a.label]), [['urban', '城镇（社区）'], ['rural', '农村（村）']]);
  });
});
