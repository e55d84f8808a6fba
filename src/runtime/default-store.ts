/**
 * The store used when a page gives `<ltc-app>` none: one IndexedDB database (`ltc-kit`)
 * shared by every element on the page, opened on first use.
 */
import { openIndexedDbStore } from '../store/index.js';
import type { Store } from '../store/types.js';

let shared: Promise<Store> | undefined;

export function getDefaultStore(): Promise<Store> {
  shared ??= openIndexedDbStore('ltc-kit');
  return shared;
}
