/**
 * Test helpers for elements: wait for a condition, reach into shadow roots, type like a user.
 */
import { sendKeys } from '@web/test-runner-commands';

/**
 * Resolve when `check` returns (or resolves to) a truthy value; fail with `message` after
 * `timeout` ms. An async check is awaited: its promise alone is not "truthy".
 */
export async function waitFor<T>(check: () => T | undefined | null | false | Promise<T | undefined | null | false>, message = 'condition', timeout = 10000): Promise<T> {
  const started = performance.now();
  for (;;) {
    const value = await check();
    if (value) return value;
    if (performance.now() - started > timeout) throw new Error(`timed out waiting for ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** querySelector through a chain of shadow roots: `deep(app, 'ltc-table', 'tbody tr')`. */
export function deep<T extends Element = HTMLElement>(root: Element, ...selectors: string[]): T | null {
  let current: Element | null = root;
  for (const selector of selectors) {
    const scope: ParentNode | null = current?.shadowRoot ?? current;
    current = scope?.querySelector(selector) ?? null;
    if (!current) return null;
  }
  return current as T | null;
}

/** All matches of the last selector inside the shadow root reached by the others. */
export function deepAll<T extends Element = HTMLElement>(root: Element, ...selectors: string[]): T[] {
  const last = selectors.pop()!;
  const host = selectors.length ? deep(root, ...selectors) : root;
  const scope: ParentNode | null | undefined = host?.shadowRoot ?? host;
  return scope ? [...scope.querySelectorAll<T>(last)] : [];
}

/** Focus an input and type into it with real key presses. */
export async function typeInto(input: HTMLInputElement | HTMLTextAreaElement, text: string): Promise<void> {
  input.focus();
  input.select?.();
  await sendKeys({ type: text });
}

/**
 * Forget every language choice `<ltc-app>` remembered (localStorage outlives a test and is
 * shared by the test files of one origin), so each test starts from the page's language.
 */
export function forgetLanguageChoices(): void {
  for (const key of Object.keys(localStorage)) if (key.startsWith('ltc-kit.locale.')) localStorage.removeItem(key);
}

/**
 * Resolves once the stage tracker has recorded every record's lifecycle stage (customer-ltv's
 * first open writes one per customer in the background), so a test comparing versions or
 * whole records does not race it.
 */
export async function stagesRecorded(store: { queryRecords(appId: string, tableId: string): Promise<Array<{ values: Record<string, unknown> }>> }, appId: string, tableId = 'customers'): Promise<void> {
  await waitFor(async () => (await store.queryRecords(appId, tableId)).every((r) => typeof r.values.stage === 'string'), 'stages recorded', 20000);
}
