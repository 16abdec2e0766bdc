// Small DOM helpers every screen uses: building elements, toasts and error messages, and the
// labels of kinds, cycles and languages in the interface's language.

import { t, lang } from './i18n.js';
import { pickLang, docCountKey } from './text.js';

export const $ = (id) => document.getElementById(id);

/** An element with attributes (`class`, `dataset`, `html`, `on…` listeners, others as is) and children. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'html') el.innerHTML = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c == null || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

/** Replaces an element's children, skipping null/false entries (replaceChildren would print "null"). */
export function fill(el, ...kids) {
  el.replaceChildren(...kids.flat().filter((k) => k != null && k !== false));
}

export function option(value, label, selected = false, disabled = false) {
  const o = h('option', { value }, label);
  o.selected = selected;
  o.disabled = disabled;
  return o;
}

/** A `<select>` whose change handler gets the chosen value. */
export function select(id, onChoose, ...options) {
  return h('select', { id, onchange: (e) => onChoose(e.target.value) }, ...options);
}

/** An error from the shell ({ lv, en }, an Error, or "Latvian / English") in the interface's language. */
export function errorText(e) {
  if (e && typeof e === 'object' && ('lv' in e || 'en' in e)) return lang() === 'en' ? e.en : e.lv;
  if (e && typeof e === 'object' && 'message' in e) return pickLang(e.message, lang());
  return pickLang(String(e), lang());
}

/**
 * Puts `text` on the clipboard: the Clipboard API where the web view grants it, else a
 * selected textarea and the copy command (WebKitGTK without a user-gesture permission).
 */
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    // fall through to the copy command
  }
  const area = h('textarea', { readonly: true, style: 'position:fixed;left:-9999px;opacity:0' });
  area.value = text;
  document.body.append(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('Neizdevās kopēt / Could not copy to the clipboard');
}

export function toast(text, kind = 'info', ms = 5000) {
  const el = h('div', { class: `toast ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
  $('toasts').append(el);
  setTimeout(() => el.remove(), ms);
}

export function showError(e) {
  console.error(e);
  toast(`${t('error')}: ${errorText(e)}`, 'error', 9000);
}

/** Runs `fn`, showing its error as a toast; resolves to its value or undefined. */
export async function guarded(fn) {
  try {
    return await fn();
  } catch (e) {
    showError(e);
    return undefined;
  }
}

export const kindLabel = (k) => t(`kind_${k}`);
export const cycleLabel = (n) => (n == null ? '—' : t('cycleLabel', { n }));
export const cycleYears = (c) => t('cycleYears', { n: c.number, from: c.start_year, to: c.end_year });
export const langLabel = (l) => t(`lang_${l}`);
export const docCount = (n) => t(docCountKey(n, lang()), { n });
