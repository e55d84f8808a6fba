/**
 * Field readers for `{"var": "key"}`, the most frequent node in any formula or condition.
 *
 * Why a pool of identical-looking functions: V8 (Chromium, Node) keeps the inline cache of
 * a property read per source location, not per closure. If every `var` closure came from
 * one function literal, `data[key]` would see every field name of every formula, go
 * megamorphic and cost about 20 ns per read (measured: 5× slower on the LTV rule). Giving
 * each field name its own literal keeps each read monomorphic, as fast as hand-written
 * `record.aov`. Without eval / new Function, distinct source locations are the only way to
 * get distinct inline caches, hence the repetition. Beyond the pool size names share
 * readers (still correct, only slower).
 */
import { readProperty } from './operations.js';

/** Reads one field of the data; `notFound` when the data is null/undefined or lacks it. */
export type FieldReader = (data?: unknown) => unknown;
type Factory = (key: string, notFound: unknown) => FieldReader;
type Rec = Record<string, unknown>;

/**
 * The general read: null/undefined data, primitive data (a string's `length`), missing
 * fields, and values that need the prototype guard (see operations.ts).
 */
function read(data: unknown, key: string, notFound: unknown): unknown {
  if (data === null || data === undefined) return notFound;
  const value = readProperty(data, key);
  return value === undefined ? notFound : value;
}

/*
 * Each reader returns at once for the common case (an object record whose field is a
 * number or a string) and leaves everything else to `read`. Keeping the null/undefined test
 * and the `notFound` value out of the fast path matters to V8: a reader that can return
 * either `notFound` or a number makes every arithmetic result box its number (measured:
 * the LTV rule 4× slower than hand-written JS instead of ~1.3–2×).
 */
// One literal per slot; keep them identical.
const pool: readonly Factory[] = [
  (k, nf) => (d) => { if (typeof d === 'object' && d !== null) { const v = (d as Rec)[k]; if (typeof v === 'number' || typeof v === 'string') return v; } return read(d, k, nf); },
  (k, nf) => (d) => { if (typeof d === 'object' && d !== null) { const v = (d as Rec)[k]; if (typeof v === 'number' || typeof v === 'string') return v; } return read(d, k, nf); },
  (k, nf) => (d) => { if (typeof d === 'object' && d !== null) { const v = (d as Rec)[k]; if (typeof v === 'number' || typeof v === 'string') return v; } return read(d, k, nf); },
  (k, nf) => (d) => { if (typeof d === 'object' && d !== null) { const v = (d as Rec)[k]; if (typeof v === 'number' || typeof v === 'string') return v; } return read(d, k, nf); },
  (k, nf) => (d) => { if (typeof d === 'object' && d !== null) { const v = (d as Rec)[k]; if (typeof v === 'number' || typeof v === 'string') return v; } return read(d, k, nf); },
  (k, nf) => (d) => { if (typeof d === 'object' && d !== null) { const v = (d as Rec)[k]; if (typeof v === 'number' || typeof v === 'string') return v; } return read(d, k, nf); },
  (k, nf) => (d) => { if (typeof d === 'object' && d !== null) { const v = (d as Rec)[k]; if (typeof v === 'number' || typeof v === 'string') return v; } return read(d, k, nf); },
  (k, nf) => (d) => { if (typeof d === 'object' && d !== null) { const v = (d as Rec)[k]; if (typeof v === 'number' || typeof v === 'string') return v; } return read(d, k, nf); },
  (k, nf) => (d) => { if (typeof d === 'object' && d !== null) { const v = (d as Rec)[k]; if (typeof v === 'number' || typeof v === 'string') return v; } return read(d, k, nf); },
  (k, nf) => (d) => { if (typeof d === 'object' && d !== null) { const v = (d as Rec)[k]; if (typeof v === 'number' || typeof v === 'string') return v; } return read(d, k, nf); },
  (k, nf) => (d) => { if (typeof d === 'object' && d !== null) { const v = (d as Rec)[k]; if (typeof v === 'number' || typeof v === 'string') return v; } return read(d, k, nf); },
  (k, nf) => (d) => { if (typeof d === 'object' && d !== null) { const v = (d as Rec)[k]; if (typeof v === 'number' || typeof v === 'string') return v; } return read(d, k, nf); },
  (k, nf) => (d) => { if (typeof d === 'object' && d !== null) { const v = (d as Rec)[k]; if (typeof v === 'number' || typeof v === 'string') return v; } return read(d, k, nf); },
  (k, nf) => (d) => { if (typeof d === 'object' && d !== null) { const v = (d as Rec)[k]; if (typeof v === 'number' || typeof v === 'string') return v; } return read(d, k, nf); },
  (k, nf) => (d) => { if (typeof d === 'object' && d !== null) { const v = (d as Rec)[k]; if (typeof v === 'number' || typeof v === 'string') return v; } return read(d, k, nf); },
  (k, nf) => (d) => { if (typeof d === 'object' && d !== null) { const v = (d as Rec)[k]; if (typeof v === 'number' || typeof v === 'string') return v; } return read(d, k, nf); },
  (k, nf) => (d) => { if (typeof d === 'object' && d !== null) { const v = (d as Rec)[k]; if (typeof v === 'number' || typeof v === 'string') return v; } return read(d, k, nf); },
  (k, nf) => (d) => { if (typeof d === 'object' && d !== null) { const v = (d as Rec)[k]; if (typeof v === 'number' || typeof v === 'string') return v; } return read(d, k, nf); },
  (k, nf) => (d) => { if (typeof d === 'object' && d !== null) { const v = (d as Rec)[k]; if (typeof v === 'number' || typeof v === 'string') return v; } return read(d, k, nf); },
  (k, nf) => (d) => { if (typeof d === 'object' && d !== null) { const v = (d as Rec)[k]; if (typeof v === 'number' || typeof v === 'string') return v; } return read(d, k, nf); },
  (k, nf) => (d) => { if (typeof d === 'object' && d !== null) { const v = (d as Rec)[k]; if (typeof v === 'number' || typeof v === 'string') return v; } return read(d, k, nf); },
  (k, nf) => (d) => { if (typeof d === 'object' && d !== null) { const v = (d as Rec)[k]; if (typeof v === 'number' || typeof v === 'string') return v; } return read(d, k, nf); },
  (k, nf) => (d) => { if (typeof d === 'object' && d !== null) { const v = (d as Rec)[k]; if (typeof v === 'number' || typeof v === 'string') return v; } return read(d, k, nf); },
  (k, nf) => (d) => { if (typeof d === 'object' && d !== null) { const v = (d as Rec)[k]; if (typeof v === 'number' || typeof v === 'string') return v; } return read(d, k, nf); },
  (k, nf) => (d) => { if (typeof d === 'object' && d !== null) { const v = (d as Rec)[k]; if (typeof v === 'number' || typeof v === 'string') return v; } return read(d, k, nf); },
  (k, nf) => (d) => { if (typeof d === 'object' && d !== null) { const v = (d as Rec)[k]; if (typeof v === 'number' || typeof v === 'string') return v; } return read(d, k, nf); },
  (k, nf) => (d) => { if (typeof d === 'object' && d !== null) { const v = (d as Rec)[k]; if (typeof v === 'number' || typeof v === 'string') return v; } return read(d, k, nf); },
  (k, nf) => (d) => { if (typeof d === 'object' && d !== null) { const v = (d as Rec)[k]; if (typeof v === 'number' || typeof v === 'string') return v; } return read(d, k, nf); },
  (k, nf) => (d) => { if (typeof d === 'object' && d !== null) { const v = (d as Rec)[k]; if (typeof v === 'number' || typeof v === 'string') return v; } return read(d, k, nf); },
  (k, nf) => (d) => { if (typeof d === 'object' && d !== null) { const v = (d as Rec)[k]; if (typeof v === 'number' || typeof v === 'string') return v; } return read(d, k, nf); },
  (k, nf) => (d) => { if (typeof d === 'object' && d !== null) { const v = (d as Rec)[k]; if (typeof v === 'number' || typeof v === 'string') return v; } return read(d, k, nf); },
  (k, nf) => (d) => { if (typeof d === 'object' && d !== null) { const v = (d as Rec)[k]; if (typeof v === 'number' || typeof v === 'string') return v; } return read(d, k, nf); },
];

const MAX_REMEMBERED_KEYS = 4096;
const slotOfKey = new Map<string, number>();

/**
 * V8 compares a read's key with its cached name by identity; a key cut out of a path with
 * `split` is a fresh string, so swap it for the engine's interned copy (a property key).
 */
function internKey(key: string): string {
  const holder: Record<string, number> = {};
  holder[key] = 0;
  return Object.keys(holder)[0] ?? key;
}

/** A reader for `data[key]` with json-logic-js `var` semantics and the guard on prototypes. */
export function fieldReader(key: string, notFound: unknown): FieldReader {
  let slot = slotOfKey.get(key);
  if (slot === undefined) {
    slot = slotOfKey.size % pool.length;
    // Field names come from rules, so the map stays small; the cap only bounds memory
    // for a host that compiles rules over ever-new keys.
    if (slotOfKey.size < MAX_REMEMBERED_KEYS) slotOfKey.set(key, slot);
  }
  return pool[slot]!(internKey(key), notFound);
}
