/**
 * Pinyin quick search (src/pinyin.ts through loadPinyinMatcher): initials, full pinyin and a
 * mix find Chinese text, polyphones match each of their readings, and the classic script
 * loads its pinyin script under a strict CSP with Trusted Types (dist/ — build first).
 */
import { expect } from '@open-wc/testing';
import { quickSearch, wantsPinyin } from '../../src/core/conditions/index.js';
import type { RecordData, TableDef } from '../../src/core/schema/types.js';
import { loadPinyinMatcher } from '../../src/elements/load-pinyin.js';
import { waitFor } from './helpers.js';

const table: TableDef = {
  id: 'customers',
  name: '客户',
  primaryFieldId: 'name',
  fields: [
    { id: 'name', name: '姓名', type: 'text' },
    { id: 'city', name: '城市', type: 'text' },
  ],
};

function record(id: string, name: string, city = ''): RecordData {
  return { id, tableId: 'customers', version: 1, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', values: { name, city } };
}

const records = [record('a', '范国庆', '北京'), record('b', '王芳', '重庆'), record('c', 'VIP范小明 2号', ''), record('d', 'Fan Guo', '上海'), record('e', '曾小贤', '银行路')];
const ids = (found: RecordData[]) => found.map((r) => r.id);

describe('pinyin quick search', () => {
  it('finds 范国庆 by initials, full pinyin and a mix, and not without the matcher', async () => {
    const matcher = await loadPinyinMatcher();
    expect(ids(quickSearch(records, table, 'fgq', undefined, undefined, { matcher }))).to.deep.equal(['a']);
    expect(ids(quickSearch(records, table, 'FanGuoQing', undefined, undefined, { matcher }))).to.deep.equal(['a']);
    expect(ids(quickSearch(records, table, 'fanguoq', undefined, undefined, { matcher }))).to.deep.equal(['a']);
    expect(ids(quickSearch(records, table, 'fan guo', undefined, undefined, { matcher }))).to.deep.equal(['a', 'd']);
    expect(ids(quickSearch(records, table, 'fgq'))).to.deep.equal([]);
    expect(ids(quickSearch(records, table, 'fgz', undefined, undefined, { matcher }))).to.deep.equal([]);
  });

  it('matches polyphones by each reading (重庆 cq / chongqing / zq) and mixed Latin and Chinese text', async () => {
    const matcher = await loadPinyinMatcher();
    expect(ids(quickSearch(records, table, 'chongqing', undefined, undefined, { matcher }))).to.deep.equal(['b']);
    expect(ids(quickSearch(records, table, 'cq', undefined, undefined, { matcher }))).to.deep.equal(['b']);
    expect(matcher('重庆', 'zq')).to.equal(true);
    expect(matcher('银行', 'yinhang')).to.equal(true);
    expect(matcher('曾小贤', 'zengxx')).to.equal(true);
    expect(ids(quickSearch(records, table, 'vipfxm', undefined, undefined, { matcher }))).to.deep.equal(['c']);
    expect(matcher('VIP范小明 2号', 'xiaom')).to.equal(true);
    expect(matcher('Fan Guo', 'fg')).to.equal(false);
    expect(matcher('北京', 'bjx')).to.equal(false);
  });

  it('decides when the matcher is wanted: Latin letters only', () => {
    expect(wantsPinyin('fgq')).to.equal(true);
    expect(wantsPinyin('Fan Guo')).to.equal(true);
    expect(wantsPinyin('ｆｇｑ')).to.equal(true);
    expect(wantsPinyin('138')).to.equal(false);
    expect(wantsPinyin('范')).to.equal(false);
    expect(wantsPinyin('  ')).to.equal(false);
    expect(wantsPinyin('a@b.com')).to.equal(false);
  });

  it('stays fast over 100,000 names: first search and the next keystroke', async () => {
    const matcher = await loadPinyinMatcher();
    const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
    const given = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞';
    const many: RecordData[] = [];
    for (let i = 0; i < 100_000; i++) many.push(record(`r${i}`, surnames[i % 20] + given[Math.floor(i / 20) % 20] + given[Math.floor(i / 400) % 20] + i, ''));
    let started = performance.now();
    const first = quickSearch(many, table, 'll', undefined, undefined, { matcher });
    const firstMs = performance.now() - started;
    started = performance.now();
    const next = quickSearch(many, table, 'lly', undefined, undefined, { matcher });
    const nextMs = performance.now() - started;
    expect(first.length).to.be.greaterThan(0);
    expect(next.every((r) => matcher(r.values.name as string, 'lly'))).to.equal(true);
    expect(next.length).to.be.lessThan(first.length);
    console.log(`pinyin search over 100,000 names: first ${firstMs.toFixed(0)} ms, next keystroke ${nextMs.toFixed(0)} ms`);
    expect(nextMs).to.be.lessThan(1000);
  });

  it('the classic script loads ltc-kit-pinyin.js through the ltc-kit policy, with the designer, without CSP violations', async function () {
    this.timeout(60000);
    const frame = document.createElement('iframe');
    frame.src = '/test/fixtures/csp-pinyin.html';
    document.body.append(frame);
    await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    type Kit = { loadPinyinMatcher(): Promise<(t: string, q: string) => boolean>; loadDesigner(): Promise<void> };
    const win = frame.contentWindow as Window & { LtcKit?: Kit; LtcKitPinyin?: unknown; __cspViolations?: string[] };
    const kit = await waitFor(() => win.LtcKit, 'LtcKit');
    expect(win.LtcKitPinyin, 'not loaded before it is asked for').to.equal(undefined);
    const matcher = await kit.loadPinyinMatcher();
    expect(matcher('范国庆', 'fgq')).to.equal(true);
    expect(win.LtcKitPinyin).to.exist;
    await kit.loadDesigner();
    expect(win.customElements.get('ltc-field-editor')).to.exist;
    expect(win.__cspViolations!.filter((v) => !v.includes('__web-dev-server__'))).to.deep.equal([]);
    frame.remove();
  });
});
