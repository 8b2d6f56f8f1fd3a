import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatDateTime, formatBytes, formatCount, localDate, normalizeDateText, maskIdNumber, maskPhone,
} from '../../ui/js/logic/format.js';

describe('formatDateTime with an explicit UTC offset', () => {
  const cases = [
    // [input, offset minutes, expected]
    ['2026-11-27T00:00:00Z', 480, '2026-11-27 08:00'],
    ['2026-11-26T16:30:00Z', 480, '2026-11-27 00:30'], // crosses midnight
    ['2026-12-31T23:59:59Z', 480, '2027-01-01 07:59'], // crosses the year
    ['2026-03-01T02:05:00Z', 0, '2026-03-01 02:05'],
    ['2026-03-01T02:05:00Z', -300, '2026-02-28 21:05'], // back over a month end
    ['2024-02-29T20:00:00Z', 480, '2024-03-01 04:00'], // leap day
    ['2026-11-27T08:00:00+08:00', 480, '2026-11-27 08:00'],
    ['2026-11-27T00:00:59.999Z', 480, '2026-11-27 08:00'], // seconds are cut, not rounded
  ];
  for (const [iso, offset, expected] of cases) {
    test(`${iso} @${offset} → ${expected}`, () => {
      assert.equal(formatDateTime(iso, { utcOffsetMinutes: offset }), expected);
    });
  }
});

describe('formatDateTime in China time, whatever the machine time zone', () => {
  test('TZ=Asia/Shanghai', () => {
    const saved = process.env.TZ;
    process.env.TZ = 'Asia/Shanghai';
    try {
      assert.equal(formatDateTime('2026-11-27T00:00:00Z'), '2026-11-27 08:00');
      assert.equal(formatDateTime('2026-11-27T00:00:07Z', { seconds: true }), '2026-11-27 08:00:07');
      assert.equal(formatDateTime(new Date('2026-11-26T16:30:00Z')), '2026-11-27 00:30');
    } finally {
      if (saved === undefined) delete process.env.TZ; else process.env.TZ = saved;
    }
  });

  test('TZ=UTC: the same China time, on the day localDate gives', () => {
    const saved = process.env.TZ;
    process.env.TZ = 'UTC';
    try {
      assert.equal(formatDateTime('2026-11-27T00:00:00Z'), '2026-11-27 08:00');
      const late = new Date('2026-12-04T16:14:00Z');
      assert.equal(formatDateTime(late), '2026-12-05 00:14');
      assert.equal(formatDateTime(late).slice(0, 10), localDate(late));
    } finally {
      if (saved === undefined) delete process.env.TZ; else process.env.TZ = saved;
    }
  });

  test('always zero-pads to "YYYY-MM-DD HH:mm"', () => {
    assert.match(formatDateTime('2026-01-02T03:04:05Z'), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  });

  const odd = [
    [null, ''],
    [undefined, ''],
    ['', ''],
    ['not a date', 'not a date'],
  ];
  for (const [input, expected] of odd) {
    test(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => {
      assert.equal(formatDateTime(input), expected);
    });
  }
});

describe('formatBytes', () => {
  const cases = [
    [0, '0 B'],
    [1, '1 B'],
    [1023, '1023 B'],
    [1024, '1.0 KB'],
    [1536, '1.5 KB'],
    [245760, '240.0 KB'],
    [1048575, '1.0 MB'], // 1023.999 KB would round to "1024.0 KB"
    [1048576, '1.0 MB'],
    [1536000, '1.5 MB'],
    [52428800, '50.0 MB'],
    [1073741824, '1.0 GB'],
    ['2048', '2.0 KB'],
  ];
  for (const [n, expected] of cases) {
    test(`${n} → ${expected}`, () => assert.equal(formatBytes(n), expected));
  }
  for (const bad of [null, undefined, '', -1, NaN, 'abc', Infinity]) {
    test(`${String(bad)} → —`, () => assert.equal(formatBytes(bad), '—'));
  }
});

describe('formatCount', () => {
  const cases = [[null, '—'], [undefined, '—'], ['', '—'], [0, '0'], [12, '12']];
  for (const [n, expected] of cases) {
    test(`${String(n)} → ${expected}`, () => assert.equal(formatCount(n), expected));
  }
});

describe('localDate', () => {
  test('the day in China (UTC+8), as the core dates records, whatever the PC\'s time zone', () => {
    assert.equal(localDate(new Date('2026-03-01T15:59:00Z')), '2026-03-01');
    assert.equal(localDate(new Date('2026-03-01T16:00:00Z')), '2026-03-02', 'already the next day in China');
    assert.equal(localDate(new Date('2026-12-30T16:00:00Z')), '2026-12-31');
  });
  test('today by default', () => assert.match(localDate(), /^\d{4}-\d{2}-\d{2}$/));
});

describe('normalizeDateText', () => {
  const cases = [
    ['', ''], [null, ''], ['  ', ''],
    ['2026-03-01', '2026-03-01'], ['2026-3-1', '2026-03-01'], ['2026/3/1', '2026-03-01'], ['2026.03.01', '2026-03-01'],
    ['20260301', '2026-03-01'], ['2026年3月1日', '2026-03-01'], ['2026年03月01', '2026-03-01'], ['２０２６－０３－０１', '2026-03-01'],
    [' 2026/12/31 ', '2026-12-31'],
    ['2026-13-01', '2026-13-01'], ['2026-02-00', '2026-02-00'], ['明天', '明天'], ['2026', '2026'],
    // A month without its day is its first day, as the import reads it.
    ['2023.05', '2023-05-01'], ['2023-5', '2023-05-01'], ['2023年5月', '2023-05-01'], ['2023/13', '2023/13'], ['2023.', '2023.'],
  ];
  for (const [raw, out] of cases) test(`${JSON.stringify(raw)} → ${JSON.stringify(out)}`, () => assert.equal(normalizeDateText(raw), out));
});

describe('masking', () => {
  test('ID numbers keep 4 + 4', () => {
    assert.equal(maskIdNumber('32010219850612123X'), '3201**********123X');
    assert.equal(maskIdNumber('12345678'), '12345678');
    assert.equal(maskIdNumber(''), '');
  });
  test('phones keep 3 + 4', () => {
    assert.equal(maskPhone('13812345678'), '138****5678');
    assert.equal(maskPhone('1234567'), '1234567');
  });
});
