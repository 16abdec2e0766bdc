// Pure logic of search's helpers and the related documents (no DOM, tested in
// tests/discovery.test.mjs): whether to offer the "did you mean" spelling, the mark of a hit
// found only through the bilingual glossary, the line saying what the glossary also searched,
// and the entries of the document view's "Līdzīgi dokumenti" list.

import { fold } from './text.js';

/** Below this many hits a suggestion is offered (the core suggests only when it found fewer than 3). */
export const FEW_HITS = 3;

/**
 * The corrected query to offer for a search result `{ hits, suggestion }` of `query`, or null:
 * only when little was found and the suggestion is not the query itself (ignoring case and
 * diacritics, which the search ignores too).
 */
export function offeredSuggestion(result, query) {
  const s = result?.suggestion;
  if (!s || (result.hits?.length ?? 0) >= FEW_HITS) return null;
  return fold(s) === fold(query || '') ? null : s;
}

/** The i18n key of a hit's glossary mark ("arī angliski" / "arī latviski"), or null. */
export function glossaryMarkKey(hit) {
  if (hit?.via_glossary === 'en') return 'alsoEnglish';
  if (hit?.via_glossary === 'lv') return 'alsoLatvian';
  return null;
}

/**
 * What the glossary also searched, one entry per language: { key, terms } where key is the
 * i18n key ('expandedEnglish' / 'expandedLatvian') and terms reads "co-creation → koprade".
 */
export function expandedLines(expanded) {
  return (expanded || [])
    .filter((e) => e && (e.lang === 'en' || e.lang === 'lv') && e.terms?.length)
    .map((e) => ({
      key: e.lang === 'en' ? 'expandedEnglish' : 'expandedLatvian',
      terms: e.terms.map((x) => `${x.typed} → ${(x.translations || []).join(' / ')}`).join('; '),
    }));
}

/** How a related document relates to the open one: 'session', 'cycle' or 'text'. */
export function relation(row, doc) {
  if (doc?.session && row.session === doc.session) return 'session';
  if (doc?.cycle != null && row.cycle === doc.cycle) return 'cycle';
  return 'text';
}

/**
 * The "Līdzīgi dokumenti" entries for the open document `doc`, in the core's order (most
 * related first), without the document itself and without repeats: { id, title, kind,
 * session, relation }.
 */
export function similarEntries(rows, doc) {
  const seen = new Set([doc?.id]);
  const out = [];
  for (const r of rows || []) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    out.push({ id: r.id, title: r.title, kind: r.kind, session: r.session, relation: relation(r, doc) });
  }
  return out;
}
