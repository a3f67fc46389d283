import {
  STORES_EMPTY,
  STORES_HEAD,
  STORES_V0_13,
  STORES_V0_15,
  STORES_V0_22,
} from './__fixtures__/stores';
import {
  ERROR_WITHOUT_TEXT,
  parseStores,
  parseStoresText,
} from './parseStores';
import { parseThanosJson } from './thanosJson';

const parse = (raw: string) =>
  parseStores((parseThanosJson(raw) as { data: unknown }).data);

describe('parseStores', () => {
  it('reads the v0.13 snake_case shape, including an error without text', () => {
    const endpoints = parse(STORES_V0_13)!;
    expect(endpoints).toEqual([
      {
        name: '10.0.102.57:10901',
        type: 'query',
        lastCheck: '2020-06-10T09:59:58.413090112Z',
        lastError: null,
        labelSets: [
          {
            cluster: 'observee',
            prometheus: 'monitoring/kube-prometheus-stack-prometheus',
          },
        ],
        minTime: 1591689600009,
        maxTime: null,
      },
      {
        name: '10.0.101.23:10901',
        type: 'sidecar',
        lastCheck: '2020-06-10T09:58:03.204751993Z',
        lastError: ERROR_WITHOUT_TEXT,
        labelSets: [{ cluster: 'observer' }],
        minTime: 1591689600017,
        maxTime: null,
      },
    ]);
  });

  it('reads the v0.14–v0.15 camelCase shape with {labels:[…]} label sets', () => {
    const endpoints = parse(STORES_V0_15)!;
    expect(endpoints.map(e => [e.type, e.labelSets])).toEqual([
      [
        'query',
        [
          {
            cluster: 'observee',
            prometheus: 'monitoring/kube-prometheus-stack-prometheus',
          },
        ],
      ],
      ['store', []],
    ]);
    expect(endpoints[1]).toMatchObject({
      minTime: 1596240000000,
      maxTime: 1598918400000,
    });
  });

  it('keeps the wrapped v0.16–v0.22 errors as they are', () => {
    const endpoints = parse(STORES_V0_22)!;
    expect(endpoints.map(e => e.lastError)).toEqual([
      null,
      'fetching store info from 10.0.101.23:10901: rpc error: code = DeadlineExceeded desc = context deadline exceeded',
      "removing store because it's unhealthy or does not exist",
    ]);
    expect(endpoints[0].labelSets).toEqual([
      {
        cluster: 'observee',
        prometheus: 'monitoring/kube-prometheus-stack-prometheus',
      },
    ]);
  });

  it('maps the int64 sentinels of the current shape to null and keeps real times exact', () => {
    const endpoints = parse(STORES_HEAD)!;
    const emptyQuerier = endpoints.find(e => e.name === '10.0.102.58:10901');
    expect(emptyQuerier).toMatchObject({
      labelSets: [],
      minTime: null,
      maxTime: null,
    });
    const gateway = endpoints.find(e => e.type === 'store');
    expect(gateway).toMatchObject({
      minTime: 1787702400000,
      maxTime: 1795507200000,
    });
    expect(endpoints.map(e => e.type)).toEqual([
      'query',
      'query',
      'sidecar',
      'store',
    ]);
  });

  it('keeps the exact digits of the sentinels through the JSON reader', () => {
    const parsed = parseThanosJson(
      '{"a":9223372036854775807,"b":-9223372036854775808,"c":1795341600009}',
    );
    expect(parsed).toEqual({
      a: '9223372036854775807',
      b: '-9223372036854775808',
      c: 1795341600009,
    });
  });

  it('reads unknown group keys and an empty store list', () => {
    expect(parse(STORES_EMPTY)).toEqual([]);
    expect(
      parseStores({
        'unknown-store-api': [{ name: 'pq:10901', lastError: null }],
      }),
    ).toEqual([
      {
        name: 'pq:10901',
        type: 'unknown-store-api',
        lastCheck: null,
        lastError: null,
        labelSets: [],
        minTime: null,
        maxTime: null,
      },
    ]);
  });

  it('reads a Go zero time as "never checked"', () => {
    expect(
      parseStores({
        sidecar: [{ name: 'a:1', lastCheck: '0001-01-01T00:00:00Z' }],
      })![0].lastCheck,
    ).toBeNull();
  });

  it('refuses data that is not a store list', () => {
    expect(parseStores(['a'])).toBeUndefined();
    expect(parseStores({ sidecar: 'x' })).toBeUndefined();
    expect(parseStores({ sidecar: [{ lastError: null }] })).toBeUndefined();
  });
});

describe('parseStoresText', () => {
  it('reads the raw answer with the int64 sentinels as "no limit"', () => {
    const endpoints = parseStoresText(STORES_HEAD);
    expect(endpoints).toEqual(parse(STORES_HEAD));
    expect(endpoints.some(e => e.maxTime === null)).toBe(true);
  });

  it.each([
    ['<html><title>502</title></html>', 'the answer is not valid JSON'],
    ['{"data":{}}', 'JSON without the Thanos envelope'],
    [
      '{"status":"error","errorType":"internal","error":"boom"}',
      'Thanos answered with an error (internal)',
    ],
    ['{"status":"success","data":[1]}', 'is this a Thanos Query?'],
  ])(
    'says what is wrong with an answer that is not a store list (%#)',
    (text, message) => {
      expect(() => parseStoresText(text)).toThrow(message);
    },
  );
});
