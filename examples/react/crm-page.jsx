/**
 * A React 19 page embedding ltc-kit: the workspace (`<ltc-app>`) and, beside it, a record form
 * (`<ltc-form>`) on the same store, whose fields the page binds. React 19 sets a custom
 * element's properties when the element has them (`store`, `app`) and listens to its events
 * through `on<event-name>` props, so no wrapper is needed. docs/frameworks.md walks through it;
 * test/frameworks/frameworks.test.ts runs it in Chromium.
 */
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import 'ltc-kit';

/** The value a native `input` event from inside the form carries, keyed by its field id (the input's `name`). */
function typedField(event) {
  const input = event.nativeEvent.composedPath()[0];
  return input && input.name ? { [input.name]: input.value } : {};
}

export function CrmPage({ appId }) {
  // The workspace's app and store, once it is open: the form shares them.
  const [workspace, setWorkspace] = useState(null);
  const [draft, setDraft] = useState({});
  const [saved, setSaved] = useState([]);
  return (
    <main>
      <h1>Customers</h1>
      <ltc-app
        template="customer-ltv"
        app-id={appId}
        sample-data="none"
        lang="en"
        onltc-app-ready={(event) => setWorkspace({ store: event.target.store, app: event.target.app })}
      ></ltc-app>
      {workspace && (
        <section>
          <h2>New customer</h2>
          <ltc-form
            table-id="customers"
            store={workspace.store}
            app={workspace.app}
            onInput={(event) => setDraft((current) => ({ ...current, ...typedField(event) }))}
            onltc-form-submitted={(event) => {
              setSaved((list) => [...list, event.detail.recordId]);
              setDraft({});
            }}
          ></ltc-form>
          <p>
            Typing: <output className="draft-name">{draft.name ?? ''}</output>
          </p>
          <p>
            Saved: <output className="saved-count">{saved.length}</output>
          </p>
        </section>
      )}
    </main>
  );
}

/** Mount the page into `container` (the test and a plain HTML host use this). */
export function mountCrmPage(container, { appId = 'react-crm' } = {}) {
  const root = createRoot(container);
  root.render(<CrmPage appId={appId} />);
  return () => root.unmount();
}
