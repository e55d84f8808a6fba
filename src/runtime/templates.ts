/**
 * Where template JSON comes from: built-in templates live next to the script that loaded
 * ltc-kit (dist/templates/<id>.json, copied there by the build) and are fetched lazily, so
 * the script stays small and a site owner hosts nothing else; a site owner's own template
 * comes from `template-src`. Everything fetched is validated before use.
 */
import type { ValidationModule } from '../validation.js';
import { assetUrl, pageUrl } from './assets.js';
import type { Locale, TemplateDef } from '../core/schema/types.js';

/** Ids of the templates that ship with ltc-kit. */
export const BUILTIN_TEMPLATES = ['customer-ltv'] as const;

/** The folder built-in templates are fetched from: `templates/` beside the script. */
export function defaultTemplateBase(): string {
  return assetUrl('templates/');
}

/** A template problem with a user-facing message (already translated) and the offending location. */
export class TemplateLoadError extends Error {
  constructor(
    readonly code: 'template.unknown' | 'template.fetch' | 'template.invalid',
    message: string,
    readonly details: Array<{ path: string; message: string }> = [],
  ) {
    super(message);
    this.name = 'TemplateLoadError';
  }
}

const MESSAGES = {
  'zh-CN': {
    unknown: (id: string) =>
      id ? `未找到模板“${id}”。可用模板：${BUILTIN_TEMPLATES.join('、')}` : `应用尚不存在，且未指定模板（template 或 template-src）。可用模板：${BUILTIN_TEMPLATES.join('、')}`,
    fetch: (url: string, reason: string) => `无法加载模板 ${url}：${reason}`,
    json: (url: string, reason: string) => `模板 ${url} 不是有效的 JSON：${reason}`,
    invalid: (count: number) => `模板有 ${count} 处错误`,
  },
  en: {
    unknown: (id: string) =>
      id
        ? `No built-in template "${id}". Available: ${BUILTIN_TEMPLATES.join(', ')}`
        : `This app does not exist yet and no template was given (template or template-src). Available: ${BUILTIN_TEMPLATES.join(', ')}`,
    fetch: (url: string, reason: string) => `Could not load the template ${url}: ${reason}`,
    json: (url: string, reason: string) => `The template ${url} is not valid JSON: ${reason}`,
    invalid: (count: number) => `The template has ${count} error(s)`,
  },
};

/** The validators `loadTemplate` needs; the script-tag build loads them on demand. */
export type TemplateValidators = Pick<ValidationModule, 'parseJsonText' | 'validateTemplate'>;

/**
 * Fetch, parse and validate a template from a URL or by built-in id.
 * @param options.validators the template validators, or a function loading them (the
 *   elements pass `loadValidation`, which keeps them out of the script-tag bundle).
 */
export async function loadTemplate(
  source: { id?: string; src?: string; base?: string },
  options: {
    validators: TemplateValidators | (() => Promise<TemplateValidators>);
    locale?: Locale;
    knownFieldTypes?: Iterable<string>;
    fetch?: typeof fetch;
  },
): Promise<TemplateDef> {
  const locale = options.locale ?? 'en';
  const fetchImpl = options.fetch ?? fetch;
  const messages = MESSAGES[locale];
  let url: string;
  if (source.src) {
    url = pageUrl(source.src);
  } else {
    const id = source.id ?? '';
    if (!(BUILTIN_TEMPLATES as readonly string[]).includes(id)) throw new TemplateLoadError('template.unknown', messages.unknown(id));
    url = new URL(`${id}.json`, source.base ?? defaultTemplateBase()).href;
  }
  let text: string;
  try {
    const response = await fetchImpl(url);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    text = await response.text();
  } catch (error) {
    throw new TemplateLoadError('template.fetch', messages.fetch(url, (error as Error).message));
  }
  const { parseJsonText, validateTemplate } = typeof options.validators === 'function' ? await options.validators() : options.validators;
  const parsed = parseJsonText(text, locale);
  if (!parsed.ok) throw new TemplateLoadError('template.invalid', messages.json(url, parsed.errors.map((e) => e.message).join('; ')), parsed.errors);
  const json = parsed.json;
  const result = validateTemplate(json, { locale, knownFieldTypes: options.knownFieldTypes });
  if (!result.ok) {
    throw new TemplateLoadError('template.invalid', `${messages.invalid(result.errors.length)}: ${result.errors.slice(0, 5).map((e) => `${e.path}: ${e.message}`).join('; ')}`, result.errors);
  }
  return result.template;
}
