/**
 * Styles of `<ltc-table>`: the toolbar, the virtual grid (fixed row height, sticky header,
 * sticky frozen columns, the active cell and the range), group rows, the footer and dialogs.
 */
import { css } from 'lit';

/** Height of every grid row in CSS pixels: the windowing counts on it. */
export const ROW_HEIGHT = 36;

export const gridStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    gap: 0.75rem;
    min-width: 0;
  }
  .toolbar {
    display: flex;
    align-items: center;
    gap: 0.75rem;
    flex-wrap: wrap;
  }
  h2 {
    font-size: 1.15rem;
    margin: 0;
  }
  .count,
  .status {
    color: var(--_muted);
  }
  .spacer {
    flex: 1;
  }
  .scroller {
    overflow: auto;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    height: var(--ltc-table-height, min(70vh, 40rem));
    overscroll-behavior: contain;
  }
  table {
    border-collapse: separate;
    border-spacing: 0;
    table-layout: fixed;
    font-variant-numeric: tabular-nums;
  }
  th,
  td {
    text-align: start;
    padding: 0 0.6rem;
    height: 36px;
    box-sizing: border-box;
    border-bottom: 1px solid var(--_border);
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
    background: var(--_surface);
  }
  thead th {
    position: sticky;
    top: 0;
    background: var(--_surface-alt);
    z-index: 3;
    font-weight: 600;
  }
  .frozen {
    position: sticky;
    z-index: 1;
    box-shadow: inset -1px 0 0 var(--_border);
  }
  thead th.frozen {
    z-index: 4;
  }
  tr.spacer td {
    padding: 0;
    border: none;
    height: auto;
  }
  th button {
    border: none;
    background: none;
    padding: 0;
    font-weight: inherit;
    display: inline-flex;
    gap: 0.3em;
    align-items: center;
  }
  th {
    position: relative;
  }
  .arrow {
    color: var(--_muted);
    font-size: 0.8em;
  }
  th button.edit-field {
    margin-inline-start: 0.35rem;
    color: var(--_muted);
    padding: 0 0.2rem;
    border-radius: var(--_radius);
  }
  .resize {
    position: absolute;
    inset-block: 0;
    inset-inline-end: 0;
    width: 6px;
    cursor: col-resize;
    touch-action: none;
  }
  .resize:hover,
  .resize:focus-visible {
    background: var(--_primary);
  }
  td.end,
  th.end {
    text-align: end;
  }
  td.center {
    text-align: center;
  }
  td.error {
    color: var(--_danger);
  }
  .chip {
    display: inline-block;
    padding: 0.05em 0.55em;
    border-radius: 999px;
    font-size: 0.92em;
    color: var(--_text);
    background: color-mix(in srgb, var(--chip, var(--_muted)) 16%, var(--_surface));
    border: 1px solid color-mix(in srgb, var(--chip, var(--_muted)) 45%, transparent);
  }
  .chip + .chip {
    margin-inline-start: 0.25rem;
  }
  td[role='gridcell']:focus {
    outline: 2px solid var(--_focus);
    outline-offset: -2px;
  }
  td.in-range {
    background: color-mix(in srgb, var(--_primary) 10%, var(--_surface));
  }
  tr[aria-selected='true'] td {
    background: color-mix(in srgb, var(--_primary) 7%, var(--_surface));
  }
  tr.just-saved td {
    background: color-mix(in srgb, var(--_primary) 14%, var(--_surface));
  }
  .lead {
    display: inline-flex;
    align-items: center;
    gap: 0.2rem;
  }
  button.open,
  button.primary-link {
    border: none;
    background: none;
    padding: 0 0.2rem;
    color: var(--_primary);
    font: inherit;
    max-width: 100%;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  button.primary-link {
    text-decoration: underline;
    text-underline-offset: 0.2em;
  }
  td.editing {
    overflow: visible;
    padding: 0 0.15rem;
    position: relative;
    z-index: 2;
  }
  td.editing input,
  td.editing select,
  td.editing textarea {
    width: 100%;
    box-sizing: border-box;
    min-width: 6rem;
  }
  .cell-error {
    position: absolute;
    inset-inline-start: 0;
    top: 100%;
    padding: 0.2rem 0.5rem;
    border-radius: var(--_radius);
    background: var(--_surface);
    border: 1px solid var(--_danger);
    color: var(--_danger);
    white-space: normal;
    min-width: 12rem;
    z-index: 5;
  }
  tr.group td {
    background: var(--_surface-alt);
    font-weight: 600;
  }
  .sums {
    color: var(--_muted);
    font-weight: normal;
    margin-inline-start: 0.75rem;
  }
  .footer {
    display: flex;
    align-items: center;
    gap: 0.75rem;
    flex-wrap: wrap;
    color: var(--_muted);
  }
  .warning {
    color: var(--_danger);
  }
  .field-danger {
    border-top: 1px solid var(--_border);
    margin-top: 1rem;
    padding-top: 0.75rem;
  }
  dialog {
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 2);
    padding: 1.25rem 1.5rem;
    width: min(40rem, 92vw);
    max-height: 90vh;
    color: var(--_text);
    background: var(--_surface);
  }
  dialog.fields {
    width: min(64rem, 96vw);
  }
  dialog::backdrop {
    background: rgb(15 23 42 / 0.45);
  }
  dialog h3 {
    margin: 0 0 1rem;
  }
  .confirm-actions {
    display: flex;
    gap: 0.5rem;
    justify-content: flex-end;
    margin-top: 1rem;
  }
  .bulk-edit label {
    display: block;
    margin-block: 0.5rem 0.25rem;
  }
`;
