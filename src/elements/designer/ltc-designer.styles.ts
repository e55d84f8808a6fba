/**
 * Styles of `<ltc-designer>`: three panes (palette, canvas, properties) in the manner of
 * Jiandaoyun's designer — a grey workspace with the form as a white sheet in the middle — and,
 * below 720 px of the element's own width, one pane at a time with tabs.
 */
import { css } from 'lit';

export const designerStyles = css`
  :host {
    display: block;
    container-type: inline-size;
    --_canvas-bg: var(--ltc-designer-canvas, var(--_surface-alt));
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    padding: 0.5rem 0.75rem;
    border-bottom: 1px solid var(--_border);
    background: var(--_surface);
  }
  .toolbar h2 {
    margin: 0;
    font-size: 1.05rem;
  }
  .spacer {
    flex: 1;
  }
  .modes,
  .pane-tabs {
    display: inline-flex;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    overflow: hidden;
  }
  .modes button,
  .pane-tabs button {
    border: none;
    border-radius: 0;
  }
  .modes button[aria-selected='true'],
  .pane-tabs button[aria-selected='true'] {
    background: var(--_primary);
    color: var(--_primary-contrast);
  }
  .save-state {
    color: var(--_muted);
    font-size: 0.9em;
  }
  .save-problem {
    margin: 0.5rem 0.75rem;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_danger);
    border-radius: var(--_radius);
    color: var(--_danger);
  }
  .pane-tabs {
    display: none;
    margin: 0.5rem 0.75rem 0;
  }
  .panes {
    display: grid;
    grid-template-columns: 16rem minmax(0, 1fr) 19rem;
    min-height: 32rem;
    background: var(--_canvas-bg);
  }
  .pane {
    min-width: 0;
    padding: 0.75rem;
    overflow: auto;
  }
  .pane-title {
    margin: 0 0 0.4rem;
    font-size: 0.95rem;
  }
  .palette,
  .properties {
    background: var(--_surface);
  }
  .palette {
    border-right: 1px solid var(--_border);
  }
  .properties {
    border-left: 1px solid var(--_border);
    display: grid;
    align-content: start;
    gap: 0.6rem;
  }
  .hint {
    color: var(--_muted);
    font-size: 0.85em;
    margin: 0 0 0.5rem;
  }
  .palette-group h3,
  .archived h3 {
    margin: 0.75rem 0 0.35rem;
    font-size: 0.82rem;
    color: var(--_muted);
    font-weight: 600;
  }
  .palette-group ul,
  .archived ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    /* minmax(0, …): a long English label ("Attachments") wraps inside its button instead of
       pushing the second column past the panel's edge. */
    grid-template-columns: repeat(2, minmax(0, 1fr));
    gap: 0.35rem;
  }
  .archived ul {
    grid-template-columns: 1fr;
  }
  .archived li {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 0.4rem;
  }
  .palette-item {
    width: 100%;
    min-width: 0;
    font-size: 0.875rem;
    overflow-wrap: break-word;
    display: flex;
    align-items: center;
    gap: 0.3rem;
    padding: 0.35rem 0.35rem;
    text-align: left;
    cursor: grab;
    touch-action: none;
    user-select: none;
  }
  .icon {
    flex: none;
    color: var(--_primary);
  }
  .canvas {
    display: grid;
    align-content: start;
  }
  .canvas-items {
    background: var(--_surface);
    border-radius: var(--_radius);
    box-shadow: 0 1px 3px rgb(0 0 0 / 0.08);
    padding: 1rem;
    min-height: 20rem;
    display: grid;
    align-content: start;
    gap: 0.4rem;
    max-width: 46rem;
    width: 100%;
    margin: 0 auto;
    box-sizing: border-box;
  }
  .top.row {
    display: grid;
    grid-auto-flow: column;
    grid-auto-columns: minmax(0, 1fr);
    gap: 0.5rem;
  }
  .cell {
    position: relative;
    border: 1px dashed transparent;
    border-radius: var(--_radius);
  }
  .cell:hover {
    border-color: var(--_border);
  }
  .cell.selected {
    border: 1px solid var(--_primary);
    box-shadow: inset 3px 0 0 var(--_primary);
  }
  .item-body {
    display: grid;
    gap: 0.25rem;
    padding: 0.5rem 0.65rem;
    cursor: grab;
    touch-action: none;
    user-select: none;
    border-radius: var(--_radius);
  }
  .item-body:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 1px;
  }
  .item-label {
    font-weight: 600;
  }
  .required {
    color: var(--_danger);
  }
  .mock {
    display: block;
    min-height: 1.9em;
    padding: 0.3em 0.5em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    color: var(--_muted);
    background: var(--_surface-alt);
  }
  .item-meta,
  .help {
    color: var(--_muted);
    font-size: 0.82em;
  }
  .kind-heading .heading-title {
    font-size: 1.1rem;
    border-bottom: 2px solid var(--_primary);
    padding-bottom: 0.2rem;
  }
  .item-actions {
    position: absolute;
    top: 0.25rem;
    right: 0.25rem;
    display: none;
    gap: 0.2rem;
  }
  .cell.selected .item-actions,
  .cell:focus-within .item-actions {
    display: flex;
  }
  .item-actions button {
    padding: 0.1rem 0.4rem;
    font-size: 0.85em;
  }
  .drop-line {
    height: 3px;
    border-radius: 2px;
    background: var(--_primary);
  }
  .cell.drop-left {
    box-shadow: inset 4px 0 0 var(--_primary);
  }
  .cell.drop-right {
    box-shadow: inset -4px 0 0 var(--_primary);
  }
  .empty {
    color: var(--_muted);
    text-align: center;
    padding: 2rem 0;
  }
  .prop {
    display: grid;
    gap: 0.2rem;
  }
  .prop label {
    color: var(--_muted);
    font-size: 0.88em;
  }
  .prop.check label {
    color: var(--_text);
  }
  .prop input:not([type='checkbox']),
  .prop textarea,
  .prop select {
    width: 100%;
    box-sizing: border-box;
  }
  .inline {
    display: flex;
    gap: 0.4rem;
  }
  fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    margin: 0;
    padding: 0.5rem 0.6rem;
    display: grid;
    gap: 0.4rem;
    min-width: 0;
  }
  legend {
    color: var(--_muted);
    font-size: 0.88em;
  }
  .choice {
    display: flex;
    gap: 0.3rem;
  }
  .choice input {
    flex: 1;
    min-width: 0;
  }
  .field-error {
    color: var(--_danger);
    margin: 0;
  }
  .notice {
    margin: 0;
    padding: 0.4rem 0.6rem;
    border-radius: var(--_radius);
    background: var(--_surface-alt);
  }
  .preview {
    background: var(--_canvas-bg);
    padding: 1rem;
  }
  .preview ltc-form-preview {
    max-width: 46rem;
    margin: 0 auto;
    background: var(--_surface);
    padding: 1rem;
    border-radius: var(--_radius);
  }
  dialog {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    max-width: 28rem;
    color: var(--_text);
    background: var(--_surface);
  }
  .dialog-actions {
    display: flex;
    justify-content: flex-end;
    gap: 0.5rem;
  }
  @container (max-width: 720px) {
    .pane-tabs {
      display: inline-flex;
    }
    .panes {
      grid-template-columns: minmax(0, 1fr);
    }
    .panes > .pane {
      display: none;
      border: none;
    }
    .panes[data-pane='palette'] > .palette,
    .panes[data-pane='canvas'] > .canvas,
    .panes[data-pane='properties'] > .properties {
      display: grid;
      align-content: start;
    }
    .panes[data-pane='palette'] > .palette {
      display: block;
    }
  }
  @media (prefers-reduced-motion: no-preference) {
    .drop-line {
      transition: opacity 0.1s;
    }
  }
  .publish {
    display: grid;
    gap: 0.75rem;
    padding: 1rem;
    max-width: 48rem;
  }
  .publish label {
    display: grid;
    gap: 0.3rem;
  }
  .publish textarea {
    width: 100%;
    font-family: ui-monospace, monospace;
    font-size: 0.85em;
  }
  .publish .download-form {
    justify-self: start;
  }
`;
