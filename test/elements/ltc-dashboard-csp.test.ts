/**
 * Dashboards in the script-tag build under a strict Content-Security-Policy, with and without
 * Trusted Types: the customer-ltv template's dashboard opens from `<ltc-app>`'s navigation, its
 * SVG charts paint and its line chart loads dist/ltc-kit-charts.js (uPlot) through the
 * 'ltc-kit' policy, with zero policy violations. Uses the built dist/ (npm test builds first).
 */
import { expect } from '@open-wc/testing';
import { waitFor } from './helpers.js';

type CspWindow = Window & { __cspViolations?: string[]; LtcKitCharts?: unknown };

describe('dashboards under a strict CSP', function () {
  this.timeout(90000);

  for (const [label, page] of [
    ['classic script', '/test/fixtures/csp-embed.html'],
    ["require-trusted-types-for 'script'", '/test/fixtures/csp-embed-trusted-types.html'],
  ] as const)
    it(`${label}: the template's dashboard paints, uPlot loads beside the script, no violations`, async () => {
      const frame = document.createElement('iframe');
      frame.style.width = '1200px';
      frame.style.height = '800px';
      frame.src = page;
      document.body.append(frame);
      await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
      const win = frame.contentWindow as CspWindow;
      await waitFor(() => win.customElements.get('ltc-app'), 'ltc-app defined', 10000);
      const app = win.document.querySelector('ltc-app') as HTMLElement & { app?: { dashboards?: unknown[] } };
      await waitFor(() => app.app?.dashboards?.length, 'the template’s dashboard', 30000);
      const nav = await waitFor(() => app.shadowRoot?.querySelector('nav button.dashboards') as HTMLElement | null, 'the Dashboards entry');
      nav.click();
      const dashboard = await waitFor(() => app.shadowRoot!.querySelector('ltc-dashboard'), 'the dashboard', 20000);
      await waitFor(() => dashboard.shadowRoot?.querySelector('[data-panel=stageFunnel] svg.chart'), 'the funnel painted', 30000);
      await waitFor(() => dashboard.shadowRoot?.querySelector('[data-panel=repurchase] .plot canvas'), 'the uPlot chart', 30000);
      expect(win.LtcKitCharts, 'the charts script defined window.LtcKitCharts').to.exist;
      expect(win.__cspViolations!.filter((v) => !v.includes('__web-dev-server__'))).to.deep.equal([]);
      frame.remove();
    });
});
