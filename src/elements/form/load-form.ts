/**
 * `<ltc-form>` travels with the designer script (docs/forms.md, "Rendering"): the script-tag
 * bundle has no room for the form renderer, and a workspace that only lists records never
 * needs it. This tiny watcher loads the designer script as soon as the page has an
 * `<ltc-form>` (now or later, e.g. rendered by React); the element then upgrades in place,
 * keeping the properties already set on it. Elements that render a form inside their own
 * shadow root (the table's new-record dialog) call `loadDesigner()` first themselves.
 */
import { loadDesigner } from '../load-designer.js';

/** Load the designer script once the document contains an `<ltc-form>`. */
export function loadFormsWhenUsed(): void {
  if (typeof document === 'undefined' || customElements.get('ltc-form')) return;
  const load = (form: Element) => {
    loadDesigner().catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      form.dispatchEvent(new CustomEvent('ltc-error', { detail: { code: 'designer.load', message }, bubbles: true, composed: true }));
    });
  };
  const found = () => document.querySelector('ltc-form');
  const now = found();
  if (now) return load(now);
  const observer = new MutationObserver(() => {
    const form = found();
    if (!form) return;
    observer.disconnect();
    load(form);
  });
  observer.observe(document, { childList: true, subtree: true });
}
