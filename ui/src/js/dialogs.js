// The one form dialog (#form-dialog), filled per use with fields, a save and an optional
// delete. An error from the shell stays in the dialog, beside the fields, instead of closing it.

import { $, h, errorText } from './dom.js';
import { t } from './i18n.js';
import { refresh } from './data.js';

/**
 * Shows the dialog. fields: [{ name, label, type, value, required, disabled, min, max,
 * placeholder, pattern }] (type 'select' with options: [[value, label]] is a choice);
 * onSubmit(values by name, trimmed) and onDelete() may throw; after either succeeds the dialog
 * closes and the data reloads. submitLabel names the submit button (default "Saglabāt").
 */
export function formDialog({ title, fields, onSubmit, onDelete, submitLabel }) {
  const dlg = $('form-dialog');
  $('form-dialog-title').textContent = title;
  $('form-dialog-error').hidden = true;
  const inputs = {};
  $('form-dialog-fields').replaceChildren(
    ...fields.map((f) => {
      if (f.type === 'select') {
        const sel = h('select', { name: f.name, id: `fd-${f.name}` }, ...f.options.map(([v, label]) => h('option', { value: v, selected: v === f.value }, label)));
        inputs[f.name] = sel;
        return h('label', { class: 'fd-field' }, h('span', {}, f.label), sel);
      }
      const input = h('input', { type: f.type || 'text', name: f.name, id: `fd-${f.name}`, required: f.required, min: f.min, max: f.max, value: f.value ?? '', placeholder: f.placeholder, pattern: f.pattern });
      input.disabled = !!f.disabled;
      inputs[f.name] = input;
      return h('label', { class: 'fd-field' }, h('span', {}, f.label), input);
    }),
  );
  // Runs an action; closes and reloads when it succeeds, shows its error when not.
  const run = async (action) => {
    try {
      await action();
      dlg.close();
      refresh();
    } catch (e) {
      $('form-dialog-error').textContent = errorText(e);
      $('form-dialog-error').hidden = false;
    }
  };
  const del = $('form-dialog-delete');
  del.hidden = !onDelete;
  del.onclick = () => run(onDelete);
  $('form-dialog-cancel').onclick = () => dlg.close();
  $('form-dialog-submit').textContent = submitLabel || t('save');
  $('form-dialog-form').onsubmit = (e) => {
    e.preventDefault();
    const values = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, v.value.trim()]));
    run(() => onSubmit(values));
  };
  dlg.showModal();
  const first = fields.find((f) => !f.disabled);
  if (first) inputs[first.name].focus();
}

/** Whether the form dialog is open (the window's keys then belong to it). */
export const dialogOpen = () => $('form-dialog').open;
