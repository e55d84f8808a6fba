/** Styles of `<ltc-rule-editor>`: tokens from baseStyles, pieces exposed as ::part. */
import { css } from 'lit';

export const ruleEditorStyles = css`
  :host {
    display: block;
  }
  [role='tablist'] {
    display: flex;
    gap: 2px;
    border-bottom: 1px solid var(--_border);
    margin-bottom: 0.75rem;
  }
  [role='tab'] {
    border-radius: var(--_radius) var(--_radius) 0 0;
    border-bottom: none;
  }
  [role='tab'][aria-selected='true'] {
    background: var(--_surface-alt);
    font-weight: 600;
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  th,
  td {
    text-align: start;
    padding: 0.4rem 0.5rem;
    border-bottom: 1px solid var(--_border);
    vertical-align: top;
  }
  /* A phone's width: each rule a small card (name, trigger, switch, buttons) instead of a table row. */
  @media (max-width: 40rem) {
    table.rule-list,
    table.rule-list tbody,
    table.rule-list tr,
    table.rule-list td {
      display: block;
    }
    table.rule-list thead {
      display: none;
    }
    table.rule-list tr {
      border-bottom: 1px solid var(--_border);
      padding-block: 0.5rem;
    }
    table.rule-list td {
      border: 0;
      padding: 0.15rem 0.25rem;
    }
    table.rule-list td:first-child {
      font-weight: 600;
    }
  }
  .list-head {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    align-items: end;
    justify-content: space-between;
    margin-block-end: 0.75rem;
  }
  .list-head label.control {
    flex: 0 1 24rem;
  }
  .row-actions {
    display: flex;
    gap: 0.25rem;
    flex-wrap: wrap;
  }
  form {
    display: grid;
    gap: 0.75rem;
    max-width: 56rem;
  }
  fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.75rem;
    display: grid;
    gap: 0.5rem;
    margin: 0;
  }
  legend {
    font-weight: 600;
    padding: 0 0.25rem;
  }
  label.control {
    display: grid;
    gap: 0.2rem;
  }
  .inline {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: end;
  }
  /* baseStyles draws the controls; the editor's are a little more compact. */
  input,
  select,
  textarea {
    padding: 0.3em 0.5em;
  }
  textarea {
    min-height: 4.5em;
    font-family: ui-monospace, SFMono-Regular, Menlo, monospace;
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .issue,
  .warning {
    color: var(--_danger);
    margin: 0;
  }
  .help {
    color: var(--_muted);
    margin: 0;
    font-size: 0.92em;
  }
  .status {
    min-height: 1.4em;
  }
  .action-head {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: end;
  }
  .buttons {
    display: flex;
    gap: 0.5rem;
    flex-wrap: wrap;
  }
  .dry-run ul {
    margin: 0.25rem 0 0.5rem;
    padding-inline-start: 1.25rem;
  }
  .dry-run li.error {
    color: var(--_danger);
  }
  dialog {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    max-width: min(40rem, 95vw);
  }
  .templates {
    list-style: none;
    padding: 0;
    display: grid;
    gap: 0.5rem;
  }
  .templates li {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.5rem;
  }
  .templates h3 {
    margin: 0 0 0.25rem;
    font-size: 1em;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
