/**
 * Context keys shared by the elements of one workspace. `<ltc-app>` (or a standalone
 * `<ltc-form>`) provides them; children consume them. Keys are `Symbol()`, not
 * `Symbol.for()`, so that two copies of ltc-kit on one page never cross-talk, and two
 * `<ltc-app>` elements keep their own store, app and locale.
 */
import { createContext } from '@lit/context';
import type { AppDef, Locale } from '../core/schema/types.js';
import type { Store } from '../store/types.js';
import type { DerivedValues } from '../runtime/derived.js';

export const storeContext = createContext<Store | undefined>(Symbol('ltc-store'));
export const appContext = createContext<AppDef | undefined>(Symbol('ltc-app'));
export const localeContext = createContext<Locale>(Symbol('ltc-locale'));
/** Computed values (formulas, inverse relations) of the current app, kept in memory. */
export const derivedContext = createContext<DerivedValues | undefined>(Symbol('ltc-derived'));
