/**
 * Loads pinyin matching (src/pinyin.ts, pinyin-pro's dictionary) on first use: only when
 * someone types Latin letters into the search box of a table that holds Chinese text
 * (`wantsPinyin` in src/core/conditions/match.ts decides). The classic-script build adds
 * `<script src="ltc-kit-pinyin.js">` from beside itself through the 'ltc-kit' Trusted Types
 * policy (src/elements/load-designer.ts), which exposes `window.LtcKitPinyin`; the ES build and
 * the sources import the module, which bundlers split into its own chunk.
 */
import { SCRIPT_NONCE, assetUrl } from '../runtime/assets.js';
import type { PinyinMatcher } from '../core/conditions/match.js';
import { trustedScriptUrl } from './load-designer.js';

type PinyinModule = typeof import('../pinyin.js');

declare const __LTC_DESIGNER__: 'script' | 'import' | undefined;

let loading: Promise<PinyinMatcher> | undefined;

/** A matcher `(text, query) => boolean`: `fgq`, `fanguoqing` and `fanguoq` all find 范国庆. */
export function loadPinyinMatcher(): Promise<PinyinMatcher> {
  loading ??= (typeof __LTC_DESIGNER__ !== 'undefined' && __LTC_DESIGNER__ === 'script' ? loadScript() : import('../pinyin.js'))
    .then((module) => module.matchesPinyin)
    .catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
  return loading;
}

function loaded(): PinyinModule | undefined {
  return (globalThis as { LtcKitPinyin?: PinyinModule }).LtcKitPinyin;
}

function loadScript(): Promise<PinyinModule> {
  const present = loaded();
  if (present) return Promise.resolve(present);
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    try {
      script.src = trustedScriptUrl(assetUrl('ltc-kit-pinyin.js'));
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    if (SCRIPT_NONCE) script.nonce = SCRIPT_NONCE;
    script.onload = () => {
      const module = loaded();
      if (module?.matchesPinyin) resolve(module);
      else reject(new Error('ltc-kit: the pinyin script did not load'));
    };
    script.onerror = () => reject(new Error(`Could not load ${script.src}`));
    document.head.append(script);
  });
}
