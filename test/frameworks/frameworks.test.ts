/**
 * The React and Vue example pages (examples/, docs/frameworks.md) in a real page: each renders
 * the workspace, binds the form's fields (typing updates the framework's state through the
 * form's native `input` event and its `values`) and stores a record on submit
 * (`ltc-form-submitted`), which the workspace's store and table then hold. Needs `npm run build` and test/frameworks/build.mjs first
 * (`npm test` runs both).
 */
import { expect } from '@open-wc/testing';
import { deep, typeInto, waitFor } from '../elements/helpers.js';

interface ExamplePage {
  mountCrmPage(container: HTMLElement, options: { appId: string }): () => void;
}

interface WorkspaceElement extends HTMLElement {
  store: { queryRecords(appId: string, tableId: string): Promise<Array<{ values: Record<string, unknown> }>> };
}

for (const framework of ['react', 'vue']) {
  describe(`the ${framework} example page`, function () {
    this.timeout(60000);
    let unmount: (() => void) | undefined;
    afterEach(() => unmount?.());

    it('renders the workspace, binds the form as the user types and stores the submitted record', async () => {
      const url = `/test/frameworks/build/crm-${framework}.js`;
      const page = (await import(url)) as ExamplePage;
      const container = document.createElement('div');
      document.body.append(container);
      const appId = `${framework}-${Date.now()}`;
      unmount = page.mountCrmPage(container, { appId });

      const workspace = await waitFor(() => {
        const app = container.querySelector<WorkspaceElement>('ltc-app');
        return app && deep(app, 'nav button[data-table="customers"]') ? app : undefined;
      }, 'the workspace', 30000);
      expect(deep(workspace, 'ltc-table'), 'the customer table').to.not.equal(null);

      const form = await waitFor(() => {
        const found = container.querySelector('ltc-form');
        return found && deep(found, '[name="name"]') ? found : undefined;
      }, 'the form', 20000);
      await typeInto(deep<HTMLInputElement>(form, '[name="name"]')!, '张三丰');
      // The customer table's first form is the template's lead-capture form, which asks for a mobile.
      const mobile = deep<HTMLInputElement>(form, '[name="mobile"]');
      if (mobile) await typeInto(mobile, '13912345678');
      await waitFor(() => container.querySelector('.draft-name')?.textContent === '张三丰', `${framework} state follows the typing`);

      deep<HTMLButtonElement>(form, 'button[type=submit]')!.click();
      await waitFor(() => container.querySelector('.saved-count')?.textContent === '1', `${framework} heard ltc-form-submitted`);
      expect(container.querySelector('.draft-name')!.textContent, 'draft cleared').to.equal('');
      const names = (await workspace.store.queryRecords(appId, 'customers')).map((record) => record.values.name);
      expect(names).to.include('张三丰');
      // The workspace's own table shows the record the page's form saved.
      await waitFor(() => deep<HTMLElement & { rows: Array<{ values: Record<string, unknown> }> }>(workspace, 'ltc-table')?.rows.some((row) => row.values.name === '张三丰'), 'the workspace table shows it');
    });
  });
}
