/**
 * A Vue 3 page embedding ltc-kit: the workspace (`<ltc-app>`) and, beside it, a record form
 * (`<ltc-form>`) on the same store, whose fields the page binds. Vue is told that `ltc-*` tags
 * are custom elements (`compilerOptions.isCustomElement`); it then sets `:store` and `:app` as
 * properties (the elements have them) and `@ltc-form-submitted` listens to the event as named.
 * The template is the one a single-file component would hold. docs/frameworks.md walks through
 * it; test/frameworks/frameworks.test.ts runs it in Chromium.
 */
import { createApp, shallowRef, reactive, ref } from 'vue';
import 'ltc-kit';

const template = `
  <main>
    <h1>Customers</h1>
    <ltc-app template="customer-ltv" :app-id="appId" sample-data="none" lang="en" @ltc-app-ready="onReady"></ltc-app>
    <section v-if="workspace">
      <h2>New customer</h2>
      <ltc-form
        table-id="customers"
        :store="workspace.store"
        :app="workspace.app"
        @input="onInput"
        @ltc-form-submitted="onSubmitted"
      ></ltc-form>
      <p>Typing: <output class="draft-name">{{ draft.name ?? '' }}</output></p>
      <p>Saved: <output class="saved-count">{{ saved.length }}</output></p>
    </section>
  </main>`;

export const CrmPage = {
  props: { appId: { type: String, default: 'vue-crm' } },
  template,
  setup() {
    // shallowRef: the store and app definition stay the objects ltc-kit gave (no Vue proxies).
    const workspace = shallowRef(null);
    const draft = reactive({});
    const saved = ref([]);
    return {
      workspace,
      draft,
      saved,
      onReady: (event) => {
        workspace.value = { store: event.target.store, app: event.target.app };
      },
      // A native `input` event from inside the form: its input's `name` is the field id.
      onInput: (event) => {
        const input = event.composedPath()[0];
        if (input && input.name) draft[input.name] = input.value;
      },
      onSubmitted: (event) => {
        saved.value = [...saved.value, event.detail.recordId];
        for (const key of Object.keys(draft)) delete draft[key];
      },
    };
  },
};

/** Mount the page into `container` (the test and a plain HTML host use this). */
export function mountCrmPage(container, { appId = 'vue-crm' } = {}) {
  const app = createApp(CrmPage, { appId });
  app.config.compilerOptions.isCustomElement = (tag) => tag.startsWith('ltc-');
  app.mount(container);
  return () => app.unmount();
}
