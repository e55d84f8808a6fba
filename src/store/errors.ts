/**
 * The `StoreError`s every backend throws, built in one place so that codes and wording are the
 * same whichever store the UI runs on. Codes are stable (tests and translations key on them);
 * messages say what happened and what the user can do.
 */
import { StoreError } from './types.js';

export const storeErrors = {
  unknownApp: (appId: string) => new StoreError('store.unknownApp', `There is no app "${appId}"; it may have been deleted in another tab.`),
  unknownTable: (appId: string, tableId: string) =>
    new StoreError('store.unknownTable', `App "${appId}" has no table "${tableId}"; save the table before writing records into it.`),
  notFound: (tableId: string, id: string) =>
    new StoreError('store.notFound', `Record ${id} in ${tableId} does not exist (it may have been deleted in another tab).`),
  duplicateId: (tableId: string, id: string) =>
    new StoreError('store.duplicateId', `A record with id ${id} already exists in ${tableId}; nothing of this write was saved.`),
  quota: () =>
    new StoreError(
      'store.quota',
      "The browser's storage for this site is full (quota exceeded), so this change was not saved and nothing of it was written. " +
        'Free disk space or delete apps you no longer need, then try again.',
    ),
  closed: (reason?: string) => new StoreError('store.closed', reason ?? 'This store has been closed.'),
  aborted: (appId: string) => new StoreError('store.aborted', `Replacing app "${appId}" was cancelled before it finished; the app was left exactly as it was.`),
  incompleteReplace: (appId: string, tableId: string, expected: number, found: number) =>
    new StoreError(
      'store.incompleteReplace',
      `Replacing app "${appId}" stopped: table ${tableId} should have ${expected} new records but ${found} were stored ` +
        '(another tab may have interrupted it). The app was left exactly as it was; try again.',
    ),
  badBatchSize: (size: number) => new StoreError('store.invalidOption', `batchSize must be a positive whole number (got ${size}).`),
};
