/**
 * Loads pinyin matching (src/pinyin.ts, pinyin-pro's dictionary) on first use: only when
 * someone types Latin letters into the search box of a table that holds Chinese text
 * (`wantsPinyin` in src/core/conditions/match.ts decides). The classic-script build adds
 * `<script src="ltc-kit-pinyin.js">` from beside itself through the 'ltc-kit' Trusted Types
 * policy (src/elements/load-designer.ts), which exposes `window.LtcKitPinyin`; the ES build and
 * the sources import the module, which bundlers split into its own chunk.
 */
import type { PinyinMatcher } from '../core/conditions/match.js';
import { loadScriptModule } from './load-designer.js';

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

function loadScript(): Promise<PinyinModule> {
  return loadScriptModule<PinyinModule>('ltc-kit-pinyin.js', 'LtcKitPinyin', 'matchesPinyin');
}
