/** Date and time: a native datetime-local input in the viewer's time zone (facts: src/core/fields/types/datetime.ts). */
import type { WidgetDefinition } from './types.js';
import { renderTextInput } from './shared.js';

/** `YYYY-MM-DDTHH:mm` in local time, the value format of `<input type="datetime-local">`. */
function toLocalInput(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export const datetimeWidget: WidgetDefinition = {
  type: 'datetime',
  renderInput: (context) => {
    const value = context.value;
    // A stored value is a UTC ISO string; a draft is what the input itself produced.
    const shown = typeof value === 'string' && /Z$|[+-]\d\d:\d\d$/.test(value) ? toLocalInput(value) : typeof value === 'string' ? value : '';
    return renderTextInput(context, 'datetime-local', { value: shown });
  },
};
export default datetimeWidget;
