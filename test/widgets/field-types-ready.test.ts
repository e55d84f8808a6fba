/**
 * `ensureFieldTypes(app)`: resolves at once for an app of the first fifteen types (loading
 * nothing), and loads the designer script — which registers the added types' facts and
 * widgets — for an app that uses one of them.
 */
import { expect } from '@open-wc/testing';
import '../../widgets/index.js';
import { ensureFieldTypes } from '../../src/runtime/field-types-ready.js';
import { isKnownFieldType, fieldTypeOf } from '../../src/core/fields/index.js';
import { getWidget } from '../../widgets/registry.js';
import type { AppDef } from '../../src/core/schema/types.js';

function appWith(type: string): AppDef {
  return { id: 'a', name: 'a', version: 1, tables: [{ id: 't', name: 't', primaryFieldId: 'f', fields: [{ id: 'f', name: 'f', type: 'text' }, { id: 'g', name: 'g', type }] }] } as AppDef;
}

describe('ensureFieldTypes', function () {
  this.timeout(30000);

  it('loads nothing for an app of built-in types', async () => {
    let repainted = 0;
    await ensureFieldTypes(appWith('money'), { requestUpdate: () => (repainted += 1) });
    expect(customElements.get('ltc-field-editor')).to.equal(undefined);
    expect(repainted).to.equal(1);
  });

  it('loads the designer script for an app with a rating, which registers the added types', async () => {
    expect(isKnownFieldType('rating')).to.equal(false);
    expect(getWidget('rating')).to.equal(undefined);
    await ensureFieldTypes(appWith('rating'));
    expect(customElements.get('ltc-field-editor')).to.not.equal(undefined);
    for (const type of ['rating', 'tags', 'tier', 'assignee', 'serial', 'createdTime', 'updatedTime']) {
      expect(isKnownFieldType(type), type).to.equal(true);
      expect(getWidget(type), type).to.not.equal(undefined);
    }
    expect(fieldTypeOf('rating').coerce('★★★', { id: 'g', name: 'g', type: 'rating' }, 'csv')).to.deep.equal({ ok: true, value: 3 });
  });
});
