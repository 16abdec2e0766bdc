// The document view's "Līdzīgi dokumenti" list, under the metadata: the core's related
// documents (the protocols of a presentation's session, the protocols that discussed a plan),
// each opening that document. The list's element is kept across the metadata panel's redraws.

import * as api from './api.js';
import { t } from './i18n.js';
import { h, fill, kindLabel } from './dom.js';
import { similarEntries } from './discovery.js';

/** How many related documents the list shows. */
const SHOWN = 8;

let panel = null;
let seq = 0;
/** The open document, its related entries (null while loading) and what a click does. */
let current = { doc: null, entries: null, failed: false, onOpen: () => {} };

/** The list's element (made once), drawn for the open document; the metadata panel appends it. */
export function similarPanel() {
  if (!panel) panel = h('section', { id: 'similar', class: 'similar' });
  render();
  return panel;
}

/** Loads the documents related to `doc`; a click on one calls `onOpen(id)`. */
export async function loadSimilar(doc, onOpen) {
  const mine = ++seq;
  current = { doc, entries: null, failed: false, onOpen };
  render();
  try {
    const rows = await api.similarDocuments(doc.id, SHOWN);
    if (mine !== seq) return;
    current.entries = similarEntries(rows, doc);
  } catch (e) {
    if (mine !== seq) return;
    console.error(e);
    current.failed = true;
  }
  render();
}

function render() {
  if (!panel) return;
  const { doc, entries, failed } = current;
  panel.dataset.state = failed ? 'failed' : entries ? 'ready' : 'loading';
  panel.dataset.id = doc ? String(doc.id) : '';
  const item = (e) =>
    h(
      'li',
      { class: 'similar-item', dataset: { id: e.id, relation: e.relation } },
      h('a', { href: '#', class: 'similar-open', onclick: (ev) => (ev.preventDefault(), current.onOpen(e.id)) }, e.title),
      h(
        'div',
        { class: 'similar-meta' },
        h('span', { class: `badge kind-${e.kind}` }, kindLabel(e.kind)),
        e.session ? h('span', {}, e.session) : null,
        e.relation === 'session' ? h('span', { class: 'muted' }, t('sameSession')) : null,
      ),
    );
  let body;
  if (failed) body = h('p', { class: 'muted' }, t('similarFailed'));
  else if (!entries) body = h('p', { class: 'muted' }, t('similarLoading'));
  else if (!entries.length) body = h('p', { class: 'muted' }, t('similarNone'));
  else body = h('ol', { id: 'similar-list', class: 'similar-list' }, ...entries.map(item));
  fill(panel, h('h2', {}, t('similarTitle')), body);
}
