// Search's helpers above the results: "Vai domājāt: <spelling>?" when a query found little and
// the archive knows a likelier spelling (one click runs it), and the line saying which OGP
// terms the bilingual glossary also searched in the other language. Each hit found only
// through the glossary carries a mark ("arī angliski" / "arī latviski"), as the CLI prints.

import { t } from './i18n.js';
import { $, h, fill } from './dom.js';
import { offeredSuggestion, glossaryMarkKey, expandedLines } from './discovery.js';

/** The last search's result ({ hits, suggestion, expanded }) and its query, for redraws. */
let last = { result: null, query: '' };

/** Keeps what the search returned beside its hits. */
export function setSearchHelp(result, query) {
  last = { result, query };
}

/** Draws the suggestion and the glossary line; `onPick(query)` runs the suggested spelling. */
export function renderSearchHelp(onPick) {
  const s = offeredSuggestion(last.result, last.query);
  const box = $('suggestion');
  box.hidden = !s;
  if (s) {
    const link = h('a', { href: '#', id: 'suggestion-link', dataset: { query: s }, onclick: (e) => (e.preventDefault(), onPick(s)) }, h('b', {}, s));
    fill(box, t('didYouMeanBefore'), link, t('didYouMeanAfter'));
  } else {
    box.replaceChildren();
  }
  const lines = expandedLines(last.result?.expanded);
  const exp = $('search-expanded');
  exp.hidden = lines.length === 0;
  fill(exp, ...lines.map((l) => h('span', { class: 'expanded-line', dataset: { key: l.key } }, t(l.key, { terms: l.terms }))));
}

/** A result's mark when it was found only through the glossary, else null. */
export function glossaryMark(hit) {
  const key = glossaryMarkKey(hit);
  return key ? h('span', { class: 'badge via-glossary', dataset: { via: hit.via_glossary } }, t(key)) : null;
}
