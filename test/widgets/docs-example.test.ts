/**
 * The classic-script widget example of docs/widgets.md, run as written: in a frame that loads
 * the built `dist/ltc-kit.js` (so `LtcKit.html` really is there for script-tag users), and
 * against this build's modules through the widget contract suite.
 */
import { expect } from '@open-wc/testing';
import { html, svg } from 'lit';
import '../../widgets/index.js';
import { getWidget, registerWidget } from '../../widgets/registry.js';
import { runWidgetContractTests } from '../../widgets/testing.js';

async function docsExample(): Promise<string> {
  const markdown = await (await fetch('/docs/widgets.md')).text();
  const match = /<!-- classic-script-example -->\s*```js\n([\s\S]*?)```/.exec(markdown);
  if (!match) throw new Error('docs/widgets.md: no classic-script example block');
  return match[1]!;
}

/** Run code as a classic script in `win` (a blob URL: no eval, no inline script). */
function runScript(win: Window, code: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = win.document.createElement('script');
    script.src = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
    script.onload = () => resolve();
    script.onerror = () => reject(new Error('script failed to load'));
    win.document.head.append(script);
  });
}

const example = await docsExample();
// The same code, run against this build's modules (what LtcKit re-exports).
(window as unknown as { LtcKit: unknown }).LtcKit = { html, svg, registerWidget };
await runScript(window, example);
runWidgetContractTests('rating', { sample: 4, field: { id: 'r', name: '评分', type: 'rating', options: { max: 5 } } });

describe('docs/widgets.md classic-script example', function () {
  this.timeout(20000);

  it('registered a widget with its facts', () => {
    const rating = getWidget('rating')!;
    expect(rating.coerce('4', { id: 'r', name: 'r', type: 'rating' })).to.deep.equal({ ok: true, value: 4 });
    expect(rating.format(3, { id: 'r', name: 'r', type: 'rating' }, { locale: 'en' })).to.equal('★★★');
  });

  it('runs on the built script-tag bundle, which exposes LtcKit.html and LtcKit.svg', async () => {
    const frame = document.createElement('iframe');
    document.body.append(frame);
    try {
      const win = frame.contentWindow! as Window & { LtcKit?: Record<string, unknown> & { getWidget(type: string): { format(v: unknown, f: unknown, c: unknown): string } | undefined } };
      await runScript(win, await (await fetch('/dist/ltc-kit.js')).text());
      expect(win.LtcKit, 'window.LtcKit').to.exist;
      expect(win.LtcKit!.html).to.be.a('function');
      expect(win.LtcKit!.svg).to.be.a('function');
      await runScript(win, example);
      expect(win.LtcKit!.getWidget('rating')!.format(4, { id: 'r', name: 'r', type: 'rating' }, { locale: 'en' })).to.equal('★★★★');
    } finally {
      frame.remove();
    }
  });
});
