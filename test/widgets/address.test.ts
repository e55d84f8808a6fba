/**
 * Addresses: reading the usual written forms (`广东省深圳市南山区科技园…`, `广东 深圳 南山`,
 * municipalities, short names) with the region data and without it; the stored string and its
 * plain text; the cascading selects of `<ltc-address-input>` (choosing a province offers its
 * cities, a city its districts, and a new province clears the levels below) reporting through
 * `onInput`; axe; the regions script as a classic script under the page's policy.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { render } from 'lit';
import '../../widgets/index.js';
import '../../widgets/extra.js';
import { widgetFor } from '../../widgets/registry.js';
import type { LtcAddressInput } from '../../widgets/address.js';
import { addressParts, formatAddress, parseAddress, type RegionTree } from '../../src/core/fields/types/address.js';
import type { FieldDef, Locale } from '../../src/core/schema/types.js';
import { loadRegions } from '../../src/elements/load-regions.js';
import { runWidgetContractTests } from '../../widgets/testing.js';

const field: FieldDef = { id: 'addr', name: '收货地址', type: 'address', labels: { en: 'Delivery address' } };

let tree: RegionTree;
before(async () => {
  tree = await loadRegions();
});

describe('address parsing', () => {
  const cases: Array<[string, string]> = [
    ['广东省深圳市南山区科技园科苑路15号', '广东省/深圳市/南山区/科技园科苑路15号'],
    ['广东 深圳 南山 科技园', '广东省/深圳市/南山区/科技园'],
    ['广东深圳南山', '广东省/深圳市/南山区/'],
    ['北京市朝阳区建国路1号', '北京市/市辖区/朝阳区/建国路1号'],
    ['北京 朝阳 建国路 1 号', '北京市/市辖区/朝阳区/建国路 1 号'],
    ['新疆乌鲁木齐市天山区', '新疆维吾尔自治区/乌鲁木齐市/天山区/'],
    ['浙江省杭州市', '浙江省/杭州市//'],
    ['广东/深圳/南山/科技园', '广东省/深圳市/南山区/科技园'],
  ];
  for (const [input, stored] of cases) {
    it(`reads ${input}`, () => {
      const result = widgetFor(field).coerce(input, field, 'csv');
      expect(result).to.deep.equal({ ok: true, value: stored });
    });
  }

  it('keeps a stored value as it is, and formats the full text', () => {
    expect(widgetFor(field).coerce('广东省/深圳市/南山区/科技园', field, 'json')).to.deep.equal({ ok: true, value: '广东省/深圳市/南山区/科技园' });
    expect(widgetFor(field).format('广东省/深圳市/南山区/科技园 A/B 座', field, { locale: 'zh-CN' })).to.equal('广东省深圳市南山区 科技园 A/B 座');
    expect(widgetFor(field).format('北京市/市辖区/朝阳区/建国路1号', field, { locale: 'en' })).to.equal('北京市朝阳区 建国路1号');
    expect(addressParts('广东省/深圳市/南山区/科技园 A/B 座')?.detail).to.equal('科技园 A/B 座');
  });

  it('splits by the administrative suffixes when the region data is not at hand (the CSV worker)', () => {
    expect(parseAddress('广东省深圳市南山区科技园', null)).to.deep.equal({ province: '广东省', city: '深圳市', district: '南山区', detail: '科技园' });
    expect(parseAddress('广东 深圳 南山 科技园', null)).to.deep.equal({ province: '广东', city: '深圳', district: '南山', detail: '科技园' });
    expect(formatAddress({ province: '广东省', city: '深圳市', district: '', detail: '' })).to.equal('广东省深圳市');
  });

  it('refuses what is no address, and treats an empty one as blank', () => {
    expect(widgetFor(field).coerce('hello', field, 'csv')).to.deep.equal({ ok: false, issue: { key: 'field.address' } });
    expect(widgetFor(field).coerce('///', field, 'json')).to.deep.equal({ ok: true, value: null });
    expect(widgetFor(field).fieldType.isEmpty('///', { ...field, required: true })).to.equal(true);
  });
});

async function mount(value: string, locale: Locale = 'zh-CN') {
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  const state = { value, reports: [] as string[] };
  const draw = () =>
    render(
      widgetFor(field).renderInput({
        id: 'f-addr',
        field,
        value: state.value,
        locale,
        invalid: false,
        onInput: (raw) => {
          state.value = raw as string;
          state.reports.push(state.value);
          draw();
        },
      }),
      host,
    );
  draw();
  const element = host.querySelector<LtcAddressInput>('ltc-address-input')!;
  for (let i = 0; i < 5 && !element.shadowRoot!.querySelector('select'); i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    await element.updateComplete;
  }
  return { host, element, state };
}

function selects(element: LtcAddressInput): HTMLSelectElement[] {
  return [...element.shadowRoot!.querySelectorAll('select')];
}

async function choose(element: LtcAddressInput, index: number, value: string): Promise<void> {
  const select = selects(element)[index]!;
  select.value = value;
  select.dispatchEvent(new Event('change'));
  await element.updateComplete;
}

describe('address input', () => {
  it('cascades province → city → district and reports the stored string', async () => {
    const { element, state } = await mount('');
    const [province, city, district] = selects(element);
    expect(province!.options.length).to.equal(Object.keys(tree).length + 1);
    expect(city!.disabled, 'no cities before a province').to.equal(true);
    await choose(element, 0, '广东省');
    expect(state.value).to.equal('广东省///');
    const cities = [...selects(element)[1]!.options].map((o) => o.value);
    expect(cities).to.include('深圳市');
    expect(cities).to.not.include('杭州市');
    await choose(element, 1, '深圳市');
    expect([...selects(element)[2]!.options].map((o) => o.value)).to.include('南山区');
    await choose(element, 2, '南山区');
    const detail = element.querySelector<HTMLInputElement>('#f-addr')!;
    detail.value = '科技园科苑路 15 号';
    detail.dispatchEvent(new Event('input', { bubbles: true }));
    expect(state.value).to.equal('广东省/深圳市/南山区/科技园科苑路 15 号');
    // A new province clears the city and district (they belong to the old one), keeps the detail.
    await choose(element, 0, '浙江省');
    expect(state.value).to.equal('浙江省///科技园科苑路 15 号');
    expect(selects(element)[2]!.disabled).to.equal(true);
    expect(district).to.exist;
  });

  it('shows a stored address in the selects, and passes axe', async () => {
    const { host, element } = await mount('北京市/市辖区/朝阳区/建国路1号', 'en');
    expect(selects(element).map((s) => s.value)).to.deep.equal(['北京市', '市辖区', '朝阳区']);
    expect(selects(element).map((s) => s.getAttribute('aria-label'))).to.deep.equal([
      'Delivery address · Province',
      'Delivery address · City',
      'Delivery address · District',
    ]);
    await expect(host).to.be.accessible();
  });
});

describe('regions script', () => {
  it('is its own classic script, allowed by the ltc-kit policy, exposing the tree', async () => {
    const { REGIONS_SCRIPT } = await import('../../src/elements/load-designer.js');
    expect(REGIONS_SCRIPT).to.equal('ltc-kit-regions.js');
    expect(Object.keys(tree)).to.include.members(['广东省', '北京市', '新疆维吾尔自治区']);
    expect(tree['广东省']!['深圳市']).to.include('南山区');
  });
});

describe('regions script in the built bundle', () => {
  it('loads ltc-kit-regions.js through the ltc-kit policy when an address input shows, without CSP violations (dist/ — build first)', async function () {
    this.timeout(60000);
    const frame = document.createElement('iframe');
    // The strict policy with Trusted Types of the pinyin script's test.
    frame.src = '/test/fixtures/csp-pinyin.html';
    document.body.append(frame);
    await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    type Kit = { loadDesigner(): Promise<void> };
    const win = frame.contentWindow as Window & { LtcKit?: Kit; LtcKitRegions?: { REGIONS: RegionTree }; __cspViolations?: string[] };
    for (let i = 0; i < 100 && !win.LtcKit; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    await win.LtcKit!.loadDesigner();
    expect(win.LtcKitRegions, 'not loaded before an address input shows').to.equal(undefined);
    const input = win.document.createElement('ltc-address-input') as LtcAddressInput;
    input.value = '广东省/深圳市//';
    win.document.body.append(input);
    for (let i = 0; i < 100 && !input.shadowRoot?.querySelector('select'); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(win.LtcKitRegions?.REGIONS['广东省']).to.exist;
    expect([...input.shadowRoot!.querySelectorAll('select')].map((s) => s.value)).to.deep.equal(['广东省', '深圳市', '']);
    expect(win.__cspViolations!.filter((v) => !v.includes('__web-dev-server__'))).to.deep.equal([]);
    frame.remove();
  });
});

runWidgetContractTests('address', { sample: '广东省/深圳市/南山区/科技园', field });
