/**
 * Loads the designer elements on first use (see src/designer.ts). The classic-script build
 * adds `<script src="ltc-kit-designer.js">` from beside itself (allowed by `script-src
 * 'self'`); the ES build and the sources import the designer module.
 */
import { SCRIPT_NONCE, assetUrl } from '../runtime/assets.js';

declare const __LTC_DESIGNER__: 'script' | 'import' | undefined;

let loading: Promise<void> | undefined;

export function loadDesigner(): Promise<void> {
  if (customElements.get('ltc-field-editor')) return Promise.resolve();
  loading ??= (typeof __LTC_DESIGNER__ !== 'undefined' && __LTC_DESIGNER__ === 'script' ? loadScript() : import('../designer.js').then(() => undefined)).catch(
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

function loadScript(): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = assetUrl('ltc-kit-designer.js');
    if (SCRIPT_NONCE) script.nonce = SCRIPT_NONCE;
    script.onload = () => void customElements.whenDefined('ltc-field-editor').then(() => resolve());
    script.onerror = () => reject(new Error(`Could not load ${script.src}`));
    document.head.append(script);
  });
}
