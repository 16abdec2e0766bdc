import { test } from 'node:test';
import assert from 'node:assert/strict';
import { offeredSuggestion, glossaryMarkKey, expandedLines, relation, similarEntries } from '../src/js/discovery.js';

test('a suggestion is offered when little is found and it differs from the query', () => {
  assert.equal(offeredSuggestion({ hits: [], suggestion: 'līdzdalības' }, 'lidzdalbas'), 'līdzdalības');
  assert.equal(offeredSuggestion({ hits: [{ id: 1 }, { id: 2 }], suggestion: 'līdzdalības' }, 'lidzdalbas'), 'līdzdalības');
  // Enough hits: none, even when the core sent one.
  assert.equal(offeredSuggestion({ hits: [{}, {}, {}], suggestion: 'x' }, 'y'), null);
  // The query itself, up to case and diacritics: nothing to offer.
  assert.equal(offeredSuggestion({ hits: [], suggestion: 'Līdzdalības' }, 'lidzdalibas'), null);
  assert.equal(offeredSuggestion({ hits: [], suggestion: null }, 'x'), null);
  assert.equal(offeredSuggestion(undefined, 'x'), null);
});

test('a hit found through the glossary is marked with the language it was found in', () => {
  assert.equal(glossaryMarkKey({ via_glossary: 'en' }), 'alsoEnglish');
  assert.equal(glossaryMarkKey({ via_glossary: 'lv' }), 'alsoLatvian');
  assert.equal(glossaryMarkKey({ via_glossary: null }), null);
  assert.equal(glossaryMarkKey({}), null);
});

test('what the glossary searched reads as typed → translation, per language', () => {
  const lines = expandedLines([
    { lang: 'lv', query: 'koprade', terms: [{ typed: 'co-creation', translations: ['koprade'] }] },
    { lang: 'en', query: 'x', terms: [{ typed: 'trauksmes cēlējs', translations: ['whistleblower', 'whistle-blower'] }, { typed: 'atvērtie dati', translations: ['open data'] }] },
    { lang: 'en', query: 'y', terms: [] },
  ]);
  assert.deepEqual(lines, [
    { key: 'expandedLatvian', terms: 'co-creation → koprade' },
    { key: 'expandedEnglish', terms: 'trauksmes cēlējs → whistleblower / whistle-blower; atvērtie dati → open data' },
  ]);
  assert.deepEqual(expandedLines(null), []);
});

test('related documents keep the core order, drop the open one and repeats, and say how they relate', () => {
  const doc = { id: 7, cycle: 5, session: '2022-10-05' };
  const rows = [
    { id: 3, title: 'Protokols', kind: 'protocol', cycle: 5, session: '2022-10-05' },
    { id: 7, title: 'Pati', kind: 'presentation', cycle: 5, session: '2022-10-05' },
    { id: 9, title: 'Plāns', kind: 'plan', cycle: 5, session: null },
    { id: 3, title: 'Protokols', kind: 'protocol', cycle: 5, session: '2022-10-05' },
    { id: 11, title: 'Report', kind: 'evaluation', cycle: 4, session: null },
  ];
  assert.deepEqual(
    similarEntries(rows, doc).map((e) => [e.id, e.relation]),
    [[3, 'session'], [9, 'cycle'], [11, 'text']],
  );
  // A document without a session relates by cycle or text only.
  assert.equal(relation({ session: null, cycle: 5 }, { id: 1, cycle: 5, session: null }), 'cycle');
  assert.equal(relation({ session: '2022-10-05', cycle: 4 }, { id: 1, cycle: null, session: null }), 'text');
});
