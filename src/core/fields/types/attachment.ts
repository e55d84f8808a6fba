/**
 * Files (`attachment`) and pictures (`image`): the value is a list of refs to files stored as
 * blobs beside the records (src/core/fields/attachment-ref.ts for the encoding,
 * src/store/blobs.ts for the storing), never the bytes themselves, so records stay small and
 * exports stay text (a CSV lists the file names). Each file may be at most
 * `options.maxSizeMb` (default 10) and a record's files together `options.maxTotalMb`
 * (default 50); an image field takes only `image/*` files. The widget checks the same limits
 * before it stores a file (`fileIssue`), so a file over them is never stored at all.
 */
import type { CellValue, FieldDef } from '../../schema/types.js';
import { attachmentRef, parseAttachmentRef, type AttachmentRef } from '../attachment-ref.js';
import { defineFieldType, mismatch, sizeIssue } from '../define.js';
import type { FieldTypeDef, OptionSpec, ValueIssue } from '../types.js';
import { isBlank } from '../values.js';

export const DEFAULT_MAX_FILE_MB = 10;
export const DEFAULT_MAX_TOTAL_MB = 50;
const MB = 1024 * 1024;

/** Megabytes as people read them: one decimal below 10, whole numbers above. */
function mb(bytes: number): string {
  const value = bytes / MB;
  return value >= 10 ? String(Math.round(value)) : String(Math.round(value * 10) / 10);
}

/** The refs of a stored value (strings that are not refs are left out). */
export function attachmentsOf(value: unknown): AttachmentRef[] {
  if (!Array.isArray(value)) return [];
  return value.map(parseAttachmentRef).filter((ref): ref is AttachmentRef => ref !== undefined);
}

/** Whether a field takes only images. */
function imagesOnly(field: FieldDef): boolean {
  return field.type === 'image';
}

/**
 * What is wrong with adding `file` to a field that already holds `current`: not an image for
 * an image field, over the per-file limit, or over the per-record total. Null when it fits.
 */
export function fileIssue(field: FieldDef, current: readonly AttachmentRef[], file: { name: string; size: number; type: string }): ValueIssue | null {
  if (imagesOnly(field) && !file.type.startsWith('image/')) return { key: 'field.fileType', params: { file: file.name } };
  const maxFile = field.options?.maxSizeMb ?? DEFAULT_MAX_FILE_MB;
  if (file.size > maxFile * MB) return { key: 'field.fileTooLarge', params: { file: file.name, size: mb(file.size), max: maxFile } };
  const maxTotal = field.options?.maxTotalMb ?? DEFAULT_MAX_TOTAL_MB;
  const total = current.reduce((sum, ref) => sum + ref.size, file.size);
  if (total > maxTotal * MB) return { key: 'field.filesTooLarge', params: { size: mb(total), max: maxTotal } };
  return null;
}

/** The limits every stored value obeys too (an import may bring refs of large files). */
function validateFiles(value: CellValue, field: FieldDef): ValueIssue | null {
  const size = sizeIssue(value);
  if (size) return size;
  const refs = attachmentsOf(value);
  for (let i = 0; i < refs.length; i++) {
    const issue = fileIssue(field, refs.slice(0, i), refs[i]!);
    if (issue) return issue;
  }
  return null;
}

const LIMIT_OPTIONS: OptionSpec[] = [
  { key: 'maxSizeMb', kind: 'number', min: 0.01, max: 1024, default: DEFAULT_MAX_FILE_MB, labels: { 'zh-CN': '单个文件最大（MB）', en: 'Largest file (MB)' } },
  { key: 'maxTotalMb', kind: 'number', min: 0.01, max: 4096, default: DEFAULT_MAX_TOTAL_MB, labels: { 'zh-CN': '每条记录文件合计最大（MB）', en: 'Most per record (MB)' } },
];

function fileType(type: 'attachment' | 'image', labels: FieldTypeDef['labels']): FieldTypeDef {
  return defineFieldType({
    type,
    labels,
    category: 'basic',
    // Formulas see the refs as a list (COUNT gives the number of files).
    scalar: () => ({ type: 'text', list: true }),
    coerce(raw) {
      if (isBlank(raw)) return { ok: true, value: null };
      // Refs only: a file name (a CSV cell) cannot bring a file's bytes back.
      const items = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/\r?\n/) : undefined;
      const refs = items?.map(parseAttachmentRef);
      if (!refs || refs.some((ref) => ref === undefined)) return { ok: false, issue: { key: 'field.attachment' } };
      return { ok: true, value: (refs as AttachmentRef[]).map(attachmentRef) };
    },
    checkStored(value, field) {
      if (!Array.isArray(value)) return mismatch(field, 'array of file refs', value);
      return value.every((item) => parseAttachmentRef(item) !== undefined) ? null : mismatch(field, 'file refs (att_…|size|type|name)', value);
    },
    validate: validateFiles,
    sortKey: (value) => attachmentsOf(value).map((ref) => ref.name).join(', '),
    format: (value) => attachmentsOf(value).map((ref) => ref.name).join(', '),
    options: LIMIT_OPTIONS,
  });
}

export const attachmentType = fileType('attachment', { 'zh-CN': '附件', en: 'Attachments' });
export const imageType = fileType('image', { 'zh-CN': '图片', en: 'Images' });
