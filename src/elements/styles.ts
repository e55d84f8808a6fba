/**
 * Design tokens and base styles shared by every element. Hosts theme ltc-kit through the
 * `--ltc-*` custom properties (they inherit through shadow roots) and `::part(...)`.
 */
import { css } from 'lit';

export const baseStyles = css`
  :host {
    --_primary: var(--ltc-color-primary, #2563eb);
    --_primary-contrast: var(--ltc-color-on-primary, #ffffff);
    --_danger: var(--ltc-color-danger, #b91c1c);
    --_text: var(--ltc-color-text, #1f2937);
    --_muted: var(--ltc-color-muted, #5b6472);
    --_surface: var(--ltc-color-surface, #ffffff);
    --_surface-alt: var(--ltc-color-surface-alt, #f5f7fa);
    --_border: var(--ltc-color-border, #d9dee7);
    --_radius: var(--ltc-radius, 6px);
    --_font-size: var(--ltc-font-size, 14px);
    --_focus: var(--ltc-color-focus, #1d4ed8);
    font-family: var(--ltc-font-family, system-ui, -apple-system, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif);
    font-size: var(--_font-size);
    color: var(--_text);
    box-sizing: border-box;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_primary: var(--ltc-color-primary, #60a5fa);
      --_primary-contrast: var(--ltc-color-on-primary, #0b1220);
      --_danger: var(--ltc-color-danger, #f87171);
      --_text: var(--ltc-color-text, #e5e7eb);
      --_muted: var(--ltc-color-muted, #a3acb9);
      --_surface: var(--ltc-color-surface, #111827);
      --_surface-alt: var(--ltc-color-surface-alt, #1f2937);
      --_border: var(--ltc-color-border, #374151);
      --_focus: var(--ltc-color-focus, #93c5fd);
    }
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  button,
  .button {
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.35em 0.8em;
    cursor: pointer;
    line-height: 1.4;
  }
  button:hover:not(:disabled),
  .button:hover {
    border-color: var(--_primary);
  }
  button.primary {
    background: var(--_primary);
    color: var(--_primary-contrast);
    border-color: var(--_primary);
  }
  button.danger {
    color: var(--_danger);
  }
  button:disabled {
    opacity: 0.5;
    cursor: default;
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  input,
  select,
  textarea {
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.4em 0.6em;
    min-width: 0;
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      transition: none !important;
      animation: none !important;
    }
  }
`;
