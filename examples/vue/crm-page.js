/**
 * A Vue 3 page embedding ltc-kit: the workspace (`<ltc-app>`) and, beside it, a form
 * (`<ltc-form app-id>`, the same app in the same store) whose fields the page binds. Vue is
 * told that `ltc-*` tags are custom elements (`compilerOptions.isCustomElement`); `@input` and
 * `@ltc-form-submitted` then listen to the element's events as named.
 * The template is the one a single-file component would hold. docs/frameworks.md walks through
 * it; test/frameworks/frameworks.test.ts runs it in Chromium.
 */
import { createApp, reactive, ref } from 'vue';
import 'ltc-kit';

const template = `
  <main>
    <h1>Customers</h1>
    <ltc-app template="customer-ltv" :app-id="appId" sample-data="none" lang="en" @ltc-app-ready="ready = true"></ltc-app>
    <section v-if="ready">
      <h2>New customer</h2>
      <ltc-form
        :app-id="appId"
        table-id="customers"
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
    // The form opens the app once the workspace has created it (the first visit clones the template).
    const ready = ref(false);
    const draft = reactive({});
    const saved = ref([]);
    return {
      ready,
      draft,
      saved,
      // The form's values by field id, as the user types.
      onInput: (event) => Object.assign(draft, event.currentTarget.values),
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
