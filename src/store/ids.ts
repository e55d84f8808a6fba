/**
 * Record ids and insertion-order sequence numbers.
 *
 * Generated ids sort by creation time (base-36 time, then a per-millisecond counter, then
 * randomness so two tabs writing in the same millisecond do not collide), which keeps
 * IndexedDB's primary-key order close to insertion order and makes ids readable in exports.
 * Sequence numbers (`seq`) are what the store actually orders a table by: a millisecond
 * timestamp scaled by 1024 plus a counter, so a 5,000-record batch gets consecutive numbers and
 * records migrated from an older database (which only have `createdAt`) fit on the same scale.
 */

const TIME_WIDTH = 9; // base-36 milliseconds: enough until the year 5188
const COUNTER_WIDTH = 4; // 1.6 million ids per millisecond before the time part is bumped
const RANDOM_WIDTH = 4;
const COUNTER_LIMIT = 36 ** COUNTER_WIDTH;

/** Scale of `seq`: milliseconds × 1024 stays below 2^53 until about the year 2250. */
export const SEQ_PER_MS = 1024;

let lastTime = 0;
let counter = 0;

function randomPart(): string {
  const bytes = new Uint8Array(RANDOM_WIDTH);
  crypto.getRandomValues(bytes);
  let out = '';
  for (const b of bytes) out += (b % 36).toString(36);
  return out;
}

/**
 * A new record id: `r` + time + counter + random, 18 characters, sortable by creation time
 * within one tab (monotonic even if the clock steps back) and unique across tabs in practice.
 */
export function newRecordId(): string {
  let now = Date.now();
  if (now <= lastTime) {
    now = lastTime;
    counter += 1;
    if (counter >= COUNTER_LIMIT) {
      // Never wrap the counter (that would break sort order): borrow the next millisecond.
      now = lastTime + 1;
      counter = 0;
    }
  } else {
    counter = 0;
  }
  lastTime = now;
  return 'r' + now.toString(36).padStart(TIME_WIDTH, '0') + counter.toString(36).padStart(COUNTER_WIDTH, '0') + randomPart();
}

/** Hands out strictly increasing sequence numbers on the `SEQ_PER_MS` time scale. */
export class SeqClock {
  private last = 0;

  /** The next sequence number: the current time, or one more than the last one handed out. */
  next(): number {
    const s = Math.max(Date.now() * SEQ_PER_MS, this.last + 1);
    this.last = s;
    return s;
  }
}

/** The sequence number a record gets when all we know is its creation time (migrations). */
export function seqFromCreatedAt(createdAt: string): number {
  const ms = Date.parse(createdAt);
  return Number.isFinite(ms) ? ms * SEQ_PER_MS : 0;
}
