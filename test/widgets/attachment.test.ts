/**
 * Attachments and images: picking files stores their bytes as blobs and reports refs;
 * a file over the per-file or per-record limit, or a non-image for an image field, is refused
 * with a message naming the file and the limit, and nothing of it is stored; a full disk
 * (QuotaExceededError) says so and stores nothing; images show thumbnails from object URLs,
 * revoked when they leave; a removed file that was never saved is deleted at once; the facts
 * (refs in and out, limits on stored values, plain text); axe on the input.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { render } from 'lit';
import '../../widgets/index.js';
import '../../widgets/extra.js';
import { widgetFor } from '../../widgets/registry.js';
import type { LtcFileInput } from '../../widgets/attachment.js';
import type { BlobAccess } from '../../widgets/types.js';
import { attachmentRef, parseAttachmentRef } from '../../src/core/fields/attachment-ref.js';
import type { FieldDef, Locale } from '../../src/core/schema/types.js';
import { MemoryStore } from '../../src/store/index.js';
import { StoreError } from '../../src/store/types.js';
import { runWidgetContractTests } from '../../widgets/testing.js';

const files: FieldDef = { id: 'files', name: '合同', type: 'attachment', labels: { en: 'Contracts' }, options: { maxSizeMb: 1, maxTotalMb: 1.5 } };
const photos: FieldDef = { id: 'photos', name: '照片', type: 'image' };
const MB = 1024 * 1024;

function fileOf(name: string, size: number, type = 'application/pdf'): File {
  return new File([new Uint8Array(size)], name, { type });
}

/** The store's blob methods, recording what was stored. */
function memoryBlobs(): BlobAccess & { store: MemoryStore } {
  return { appId: 'crm', store: new MemoryStore() };
}

async function mount(field: FieldDef, blobs: BlobAccess | undefined, value: string[] = [], locale: Locale = 'zh-CN') {
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  const state = { value, reports: [] as unknown[] };
  // The form's label, as <ltc-form> draws it.
  const label = document.createElement('label');
  label.htmlFor = 'f-files';
  label.textContent = field.name;
  const draw = () =>
    render(
      widgetFor(field).renderInput({
        id: 'f-files',
        field,
        value: state.value,
        locale,
        invalid: false,
        blobs,
        onInput: (raw) => {
          state.value = raw as string[];
          state.reports.push(raw);
          draw();
        },
      }),
      host,
    );
  draw();
  host.prepend(label);
  const input = host.querySelector<LtcFileInput>('ltc-file-input')!;
  await input.updateComplete;
  return { host, input, state };
}

/** Picks files in the inner `<input type=file>` as a user would, then waits for them to be stored. */
async function pick(element: LtcFileInput, picked: File[]): Promise<void> {
  const inner = element.querySelector<HTMLInputElement>('input[type=file]')!;
  const transfer = new DataTransfer();
  for (const file of picked) transfer.items.add(file);
  inner.files = transfer.files;
  inner.dispatchEvent(new Event('change', { bubbles: true }));
  for (let i = 0; i < 20; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    await element.updateComplete;
  }
}

function problem(element: LtcFileInput): string {
  return element.shadowRoot!.querySelector('[role=alert]')?.textContent?.trim() ?? '';
}

describe('attachment widget', () => {
  it('stores picked files as blobs and reports their refs', async () => {
    const blobs = memoryBlobs();
    const { input, state } = await mount(files, blobs);
    await pick(input, [fileOf('报价单.pdf', 1000), fileOf('合同|v2.pdf', 2000)]);
    expect(state.value).to.have.length(2);
    const refs = state.value.map((v) => parseAttachmentRef(v)!);
    expect(refs.map((r) => [r.name, r.size, r.type])).to.deep.equal([
      ['报价单.pdf', 1000, 'application/pdf'],
      ['合同|v2.pdf', 2000, 'application/pdf'],
    ]);
    const stored = await blobs.store.getBlob('crm', refs[1]!.id);
    expect(stored?.size).to.equal(2000);
    expect(input.querySelector('#f-files-limits')?.textContent).to.equal('每个文件最大 1 MB');
    // Chips: a download and a remove button per file, named after it.
    const buttons = [...input.shadowRoot!.querySelectorAll('button')].map((b) => b.getAttribute('aria-label'));
    expect(buttons).to.deep.equal(['下载 报价单.pdf', '移除 报价单.pdf', '下载 合同|v2.pdf', '移除 合同|v2.pdf']);
  });

  it('refuses a file over the per-file limit, naming it and the limit, and stores nothing of it', async () => {
    const blobs = memoryBlobs();
    const { input, state } = await mount(files, blobs);
    await pick(input, [fileOf('扫描件.pdf', 2 * MB)]);
    expect(state.value).to.deep.equal([]);
    expect(problem(input)).to.equal('“合同”：文件“扫描件.pdf”太大（2 MB），每个文件最大 1 MB');
    expect(await blobs.store.collectBlobs('crm', Date.now() + 10 * 24 * 3600 * 1000)).to.equal(0);
  });

  it('refuses a file that would take the record over its total, keeping the ones that fit', async () => {
    const blobs = memoryBlobs();
    const { input, state } = await mount(files, blobs, [], 'en');
    await pick(input, [fileOf('a.pdf', 0.9 * MB), fileOf('b.pdf', 0.9 * MB)]);
    expect(state.value.map((v) => parseAttachmentRef(v)!.name)).to.deep.equal(['a.pdf']);
    expect(problem(input)).to.equal('"Contracts": the files come to 1.8 MB, over the limit of 1.5 MB per record');
  });

  it('says the disk is full (QuotaExceededError) and stores nothing half', async () => {
    const stored: string[] = [];
    const full: BlobAccess = {
      appId: 'crm',
      store: {
        putBlob: async (_app, id) => {
          if (stored.length === 1) throw new StoreError('store.quota', 'full');
          stored.push(id);
        },
        getBlob: async () => undefined,
        deleteBlobs: async () => undefined,
      },
    };
    const { input, state } = await mount(files, full);
    await pick(input, [fileOf('一.pdf', 10), fileOf('二.pdf', 10), fileOf('三.pdf', 10)]);
    // The first is stored and listed; the second fails whole; none after it is tried.
    expect(state.value.map((v) => parseAttachmentRef(v)!.name)).to.deep.equal(['一.pdf']);
    expect(stored).to.have.length(1);
    expect(problem(input)).to.equal('“合同”：本机存储空间已满，文件“二.pdf”没有保存');
  });

  it('also reads a raw DOMException QuotaExceededError', async () => {
    const full: BlobAccess = {
      appId: 'crm',
      store: {
        putBlob: async () => {
          throw new DOMException('quota', 'QuotaExceededError');
        },
        getBlob: async () => undefined,
        deleteBlobs: async () => undefined,
      },
    };
    const { input, state } = await mount(files, full, [], 'en');
    await pick(input, [fileOf('x.pdf', 10)]);
    expect(state.value).to.deep.equal([]);
    expect(problem(input)).to.equal('"Contracts": this device’s storage is full, so the file "x.pdf" was not saved');
  });

  it('deletes a file removed before any save at once, and keeps a saved one for the record write', async () => {
    const blobs = memoryBlobs();
    const saved = attachmentRef({ id: 'att_saved1', size: 3, type: 'text/plain', name: 'old.txt' });
    await blobs.store.putBlob('crm', 'att_saved1', new Blob(['old']));
    const { input, state } = await mount(files, blobs, [saved]);
    await pick(input, [fileOf('new.pdf', 5)]);
    const fresh = parseAttachmentRef(state.value[1])!;
    const removeButtons = () => [...input.shadowRoot!.querySelectorAll<HTMLButtonElement>('button.remove')];
    removeButtons()[1]!.click();
    removeButtons()[0]!.click();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(state.value).to.deep.equal([]);
    expect(await blobs.store.getBlob('crm', fresh.id)).to.equal(undefined);
    expect(await blobs.store.getBlob('crm', 'att_saved1')).to.exist;
  });

  it('is disabled without a store (a page that cannot keep files)', async () => {
    const { input } = await mount(files, undefined);
    expect(input.querySelector<HTMLInputElement>('input[type=file]')!.disabled).to.equal(true);
  });

  it('passes axe with files listed', async () => {
    const blobs = memoryBlobs();
    const { host, input } = await mount(files, blobs);
    await pick(input, [fileOf('报价单.pdf', 1000)]);
    await expect(host).to.be.accessible();
  });
});

describe('image widget', () => {
  it('refuses a file that is not an image', async () => {
    const { input, state } = await mount(photos, memoryBlobs());
    await pick(input, [fileOf('notes.txt', 10, 'text/plain')]);
    expect(state.value).to.deep.equal([]);
    expect(problem(input)).to.equal('“照片”：文件“notes.txt”不是图片');
    expect(input.querySelector('input[type=file]')!.getAttribute('accept')).to.equal('image/*');
  });

  it('shows a thumbnail from an object URL and revokes it when the image leaves', async () => {
    const created: string[] = [];
    const revoked: string[] = [];
    const { createObjectURL, revokeObjectURL } = URL;
    URL.createObjectURL = (blob: Blob | MediaSource) => {
      const url = createObjectURL(blob);
      created.push(url);
      return url;
    };
    URL.revokeObjectURL = (url: string) => {
      revoked.push(url);
      revokeObjectURL(url);
    };
    try {
      const { host, input, state } = await mount(photos, memoryBlobs());
      const png = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII='), (c) => c.charCodeAt(0));
      await pick(input, [new File([png], '门店.png', { type: 'image/png' })]);
      const img = input.shadowRoot!.querySelector('img')!;
      expect(img.getAttribute('alt')).to.equal('门店.png');
      expect(img.src).to.match(/^blob:/);
      expect(created).to.include(img.src);
      await expect(host).to.be.accessible();
      input.shadowRoot!.querySelector<HTMLButtonElement>('button.remove')!.click();
      for (let i = 0; i < 5; i++) await input.updateComplete;
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(state.value).to.deep.equal([]);
      expect(revoked).to.include(created[0]);
    } finally {
      URL.createObjectURL = createObjectURL;
      URL.revokeObjectURL = revokeObjectURL;
    }
  });
});

describe('attachment facts', () => {
  it('keeps refs, refuses file names (a CSV cannot bring the bytes back) and checks limits on stored values', () => {
    const widget = widgetFor(files);
    const a = attachmentRef({ id: 'att_a1', size: 10, type: 'application/pdf', name: '报价单.pdf' });
    const big = attachmentRef({ id: 'att_b1', size: 2 * MB, type: 'application/pdf', name: '大.pdf' });
    expect(widget.coerce([a], files, 'json')).to.deep.equal({ ok: true, value: [a] });
    expect(widget.coerce('报价单.pdf', files, 'csv')).to.deep.equal({ ok: false, issue: { key: 'field.attachment' } });
    expect(widget.format([a, big], files, { locale: 'zh-CN' })).to.equal('报价单.pdf, 大.pdf');
    expect(widget.validate([a], files)).to.equal(null);
    expect(widget.validate([a, big], files)).to.deep.equal({ key: 'field.fileTooLarge', params: { file: '大.pdf', size: '2', max: 1 } });
    expect(widget.fieldType.checkStored(['not a ref'], files)).to.not.equal(null);
  });
});

runWidgetContractTests('attachment', { sample: [attachmentRef({ id: 'att_s1', size: 10, type: 'application/pdf', name: '报价单.pdf' })], field: files });
runWidgetContractTests('image', { sample: [attachmentRef({ id: 'att_s2', size: 10, type: 'image/png', name: '门店.png' })], field: photos });
