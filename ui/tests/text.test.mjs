import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  fold, stemKey, queryTerms, snippetTerms, makeMatcher, matchRanges, safeSnippet, escapeHtml,
  formatSize, exportFileName, pickLang,
} from '../src/js/text.js';

test('fold strips Latvian diacritics and lowercases', () => {
  assert.equal(fold('Līdzdalība'), 'lidzdaliba');
  assert.equal(fold('ĀČĒĢĪĶĻŅŠŪŽ āčēģīķļņšūž'), 'acegiklnsuz acegiklnsuz');
  assert.equal(fold('beneﬁcial'), 'beneficial');
});

test('query terms are folded, deduplicated, without stop words', () => {
  assert.deepEqual(queryTerms('Līdzdalība un sabiedrība, līdzdalība'), ['lidzdaliba', 'sabiedriba']);
  assert.deepEqual(queryTerms('  '), []);
});

test('stem keys cover inflected forms', () => {
  assert.equal(stemKey('lidzdaliba'), 'lidzdalib');
  assert.equal(stemKey('lidzdalibas'), 'lidzdalib');
  assert.equal(stemKey('dokumentiem'), 'dokument');
  assert.equal(stemKey('plan'), 'plan');
});

test('matcher: diacritic-insensitive and inflection-tolerant', () => {
  const m = makeMatcher('lidzdaliba');
  for (const w of ['līdzdalība', 'Līdzdalības', 'līdzdalību', 'LIDZDALIBA', 'līdzdalībā']) assert.ok(m(w), w);
  for (const w of ['dalība', 'līdz', 'sabiedrība']) assert.ok(!m(w), w);
  assert.ok(makeMatcher('beneficial')('beneﬁcial'));
});

test('matcher: snippet words match exactly', () => {
  const m = makeMatcher('', snippetTerms('… par <b>sēdes</b> un <b>Protokols</b> &amp; …'));
  assert.ok(m('sēdes'));
  assert.ok(m('protokols'));
  assert.ok(!m('sēde'));
  assert.equal(makeMatcher('', []), null);
});

test('matchRanges finds word ranges', () => {
  const m = makeMatcher('sabiedriba');
  const s = 'Sabiedrības līdzdalība un sabiedrībai.';
  assert.deepEqual(
    matchRanges(s, m).map(([a, b]) => s.slice(a, b)),
    ['Sabiedrības', 'sabiedrībai'],
  );
  assert.deepEqual(matchRanges(s, null), []);
});

test('safeSnippet keeps only <b> and escapes the rest', () => {
  assert.equal(safeSnippet('a <b>x</b> &amp; y'), 'a <b>x</b> &amp; y');
  assert.equal(safeSnippet('<img src=x onerror=alert(1)> <B>t</B>'), '&lt;img src=x onerror=alert(1)&gt; <b>t</b>');
  assert.equal(safeSnippet('R&D'), 'R&amp;D');
  assert.equal(safeSnippet(null), '');
});

test('escapeHtml', () => {
  assert.equal(escapeHtml('<a href="x">&\'</a>'), '&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;');
});

test('formatters', () => {
  assert.equal(formatSize(512), '512 B');
  assert.equal(formatSize(2048), '2.0 KB');
  assert.equal(formatSize(5 * 1024 * 1024), '5.0 MB');
  assert.equal(exportFileName({ number: 5, start_year: 2022, end_year: 2025 }), 'OGP-5-cikls-2022-2025.zip');
  assert.equal(exportFileName({ number: 5, start_year: 2022, end_year: 2025 }, 'plain'), 'OGP-5-cikls-2022-2025-plain.zip');
  assert.equal(pickLang('tukšs fails / empty file', 'lv'), 'tukšs fails');
  assert.equal(pickLang('tukšs fails / empty file', 'en'), 'empty file');
  assert.equal(pickLang('plain', 'en'), 'plain');
});
