/**
 * Serial numbers (自动编号): `options.pattern` such as `SO{YYYYMMDD}{seq:3}` gives
 * SO20260921001, SO20260921002 … The store assigns the number to a new record inside the
 * transaction that creates it (`assignOnCreate`, called by src/store/core-store.ts), from a
 * counter kept with the table's data: a failed or cancelled write takes no number, a reload
 * continues where the counter is, and two tabs queue on the same transaction, so numbers are
 * unique and gap-free per table. The sequence restarts when the pattern's date part changes
 * (a new day for `{YYYYMMDD}`); a pattern without a date counts on for ever.
 *
 * Imported records keep a number they bring (checked unique; the counter moves past it) and
 * get the next one otherwise. Forms show the number read-only.
 *
 * Tokens: `{YYYY}` `{YY}` `{MM}` `{DD}` `{YYYYMMDD}` `{YYMMDD}` `{YYYYMM}` (the creation day
 * in the app's time zone) and `{seq:N}` (the sequence, at least N digits; `{seq}` is 4).
 */
import { defineFieldType, mismatch } from '../define.js';
import type { AssignContext, CoerceResult } from '../types.js';
import type { FieldDef } from '../../schema/types.js';
import { isBlank, toHalfWidth } from '../values.js';

/** The pattern of a field without one. */
export const DEFAULT_SERIAL_PATTERN = '{seq:6}';

const TOKEN = /\{(YYYYMMDD|YYMMDD|YYYYMM|YYYY|YY|MM|DD|seq(?::(\d{1,2}))?)\}/g;

/** A serial number given on import that another record of the table already holds. */
export class DuplicateSerialError extends Error {
  readonly code = 'field.unique';
  constructor(readonly fieldId: string, readonly value: string) {
    super(`The serial number "${value}" is already taken`);
    this.name = 'DuplicateSerialError';
  }
}

function patternOf(field: FieldDef): string {
  const pattern = field.options?.pattern;
  return typeof pattern === 'string' && /\{seq(?::\d{1,2})?\}/.test(pattern) ? pattern : DEFAULT_SERIAL_PATTERN;
}

/** The calendar day of an instant in a time zone (the browser's when absent or unknown). */
function dayParts(instant: string, timeZone: string | undefined): { YYYY: string; MM: string; DD: string } {
  const date = new Date(instant);
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(date);
  } catch {
    parts = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(date);
  }
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { YYYY: part('year').padStart(4, '0'), MM: part('month'), DD: part('day') };
}

/**
 * The pattern with its date tokens filled for the day of `instant`: the *period* a counter
 * runs in (`SO20260921{seq:3}`). Numbers of one period differ only in their sequence.
 */
export function serialPeriod(field: FieldDef, instant: string, timeZone?: string): string {
  const { YYYY, MM, DD } = dayParts(instant, timeZone);
  const values: Record<string, string> = { YYYY, YY: YYYY.slice(2), MM, DD, YYYYMMDD: YYYY + MM + DD, YYMMDD: YYYY.slice(2) + MM + DD, YYYYMM: YYYY + MM };
  return patternOf(field).replace(TOKEN, (token, name: string) => (name.startsWith('seq') ? token : values[name]));
}

/** The number of sequence `seq` in a period. */
export function renderSerial(period: string, seq: number): string {
  return period.replace(/\{seq(?::(\d{1,2}))?\}/, (_token, width?: string) => String(seq).padStart(width ? Number(width) : 4, '0'));
}

/** The sequence of a number in a period, or undefined when the number is not of that period. */
export function serialSequence(period: string, value: string): number | undefined {
  const [before, after] = period.split(/\{seq(?::\d{1,2})?\}/);
  if (!value.startsWith(before) || !value.endsWith(after ?? '') || value.length <= before.length + (after ?? '').length) return undefined;
  const digits = value.slice(before.length, value.length - (after ?? '').length);
  return /^\d+$/.test(digits) ? Number(digits) : undefined;
}

/** The counter's stored state: the period it counts in and the last number handed out. */
interface SerialCounter {
  period: string;
  last: number;
}

function isCounter(state: unknown): state is SerialCounter {
  return !!state && typeof (state as SerialCounter).period === 'string' && Number.isInteger((state as SerialCounter).last);
}

/** The highest sequence of a period among stored numbers (a counter's start after an import or a restore). */
function highestSequence(period: string, values: Iterable<unknown>): number {
  let last = 0;
  for (const value of values) {
    const seq = typeof value === 'string' ? serialSequence(period, value) : undefined;
    if (seq !== undefined && seq > last) last = seq;
  }
  return last;
}

/** Numbers for the new records of one write: see the module comment. */
async function assignSerials(field: FieldDef, context: AssignContext): Promise<void> {
  const period = serialPeriod(field, context.now, context.app.timeZone);
  const given = context.created.filter((values) => !isBlank(values[field.id]));
  let taken: Set<unknown> | undefined;
  if (given.length > 0) {
    taken = new Set(await context.storedValues(field.id));
    for (const values of given) {
      const value = String(values[field.id]);
      if (taken.has(value)) throw new DuplicateSerialError(field.id, value);
      taken.add(value);
    }
  }
  const state = await context.readCounter(field.id);
  let last = isCounter(state) && state.period === period ? state.last : isCounter(state) ? 0 : highestSequence(period, taken ?? (await context.storedValues(field.id)));
  last = Math.max(last, highestSequence(period, given.map((values) => values[field.id])));
  const blank = context.created.filter((values) => isBlank(values[field.id]));
  if (blank.length === 0 && isCounter(state) && state.period === period && state.last === last) return;
  for (const values of blank) {
    let value: string;
    do value = renderSerial(period, ++last);
    while (taken?.has(value));
    values[field.id] = value;
  }
  context.writeCounter(field.id, { period, last } satisfies SerialCounter);
}

export const serialType = defineFieldType({
  type: 'serial',
  labels: { 'zh-CN': '自动编号', en: 'Serial number' },
  category: 'computed',
  icon: 'M4 7h2v10H4zm4 0h6v2h-4v2h4v6H8v-2h4v-2H8zm8 0h4v10h-2V9h-2z',
  coerce(raw): CoerceResult {
    if (isBlank(raw)) return { ok: true, value: null };
    if (typeof raw !== 'string' && typeof raw !== 'number') return { ok: false, issue: { key: 'field.text' } };
    return { ok: true, value: toHalfWidth(String(raw)).trim() };
  },
  checkStored: (value, field) => (typeof value === 'string' ? null : mismatch(field, 'string', value)),
  assignOnCreate: assignSerials,
  options: [
    {
      key: 'pattern',
      kind: 'text',
      default: DEFAULT_SERIAL_PATTERN,
      labels: { 'zh-CN': '编号规则', en: 'Number pattern' },
      help: { 'zh-CN': '例如 SO{YYYYMMDD}{seq:3} → SO20260921001；日期变化时序号从 1 重新开始', en: 'e.g. SO{YYYYMMDD}{seq:3} → SO20260921001; the sequence restarts when the date changes' },
    },
  ],
});
