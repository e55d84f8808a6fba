/**
 * A React 19 page embedding ltc-kit: the workspace (`<ltc-app>`) and, beside it, a form
 * (`<ltc-form app-id>`, the same app in the same store) whose fields the page binds. React 19
 * listens to a custom element's events through `on<event-name>` props and passes native
 * events as usual, so no wrapper is needed. docs/frameworks.md walks through it;
 * test/frameworks/frameworks.test.ts runs it in Chromium.
 */
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import 'ltc-kit';

export function CrmPage({ appId }) {
  // The form opens the app once the workspace has created it (the first visit clones the template).
  const [ready, setReady] = useState(false);
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
        onltc-app-ready={() => setReady(true)}
      ></ltc-app>
      {ready && (
        <section>
          <h2>New customer</h2>
          <ltc-form
            app-id={appId}
            table-id="customers"
            onInput={(event) => setDraft({ ...event.currentTarget.values })}
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
