/**
 * A/B splits of a rule: every record gets one variant, decided by the rule and record ids
 * alone, so every tab, every reload and a later server agree without storing anything first
 * (the engine still stores the variant with the run, so results stay readable if the split
 * changes later).
 *
 * The id pair is hashed with 32-bit FNV-1a and mixed (murmur3's finaliser) into a number in
 * [0, 1); the variants' weights divide that range in order.
 */

export interface VariantDef {
  id: string;
  /** Relative share (any non-negative number; 50 / 50, or 1 / 1 / 2). */
  weight: number;
}

/** 32-bit FNV-1a of a text from `seed`, mixed with murmur3's finaliser. */
function mixedHash(text: string, seed: number): number {
  let hash = seed;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** A stable number in [0, 1) for a text. */
export function stableFraction(text: string): number {
  return mixedHash(text, 0x811c9dc5) / 0x1_0000_0000;
}

/** A stable 64-bit hash of a text as 16 hex digits (two differently seeded 32-bit hashes): ids of rule runs. */
export function stableHash(text: string): string {
  return [0x811c9dc5, 0x2f1a3b5d].map((seed) => mixedHash(text, seed).toString(16).padStart(8, '0')).join('');
}

/**
 * The variant of `recordId` under rule `ruleId`.
 * @throws RangeError when there are no variants or the weights do not add up to more than 0.
 */
export function assignVariant(ruleId: string, recordId: string, variants: readonly VariantDef[]): string {
  const total = variants.reduce((sum, variant) => sum + (Number.isFinite(variant.weight) && variant.weight > 0 ? variant.weight : 0), 0);
  if (variants.length === 0 || !(total > 0)) throw new RangeError(`rule ${ruleId}: an A/B split needs variants with a positive weight`);
  const point = stableFraction(`${ruleId}\u0000${recordId}`) * total;
  let reached = 0;
  for (const variant of variants) {
    if (!(variant.weight > 0)) continue;
    reached += variant.weight;
    if (point < reached) return variant.id;
  }
  // Rounding at the very end of the range: the last weighted variant.
  return [...variants].reverse().find((variant) => variant.weight > 0)!.id;
}
