/**
 * The script-tag entry: `<script src="ltc-kit.js">` defines every element and exposes the
 * public API as `window.LtcKit` (classic script) or as module exports (`ltc-kit.es.js`).
 */
export * from './index.js';
