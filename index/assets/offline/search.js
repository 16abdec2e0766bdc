// Full-text search over a bundle's page texts, in the page, with no server: Latvian with or
// without diacritics and with light inflection tolerance. The folding and the ending list are
// the desktop UI's (ui/src/js/text.js: fold, stemKey, the prefix matcher), so a word the app
// marks is a word this page finds. A classic script (not a module): Chromium refuses module
// scripts on file:// pages. Exposes `OgpSearch`; no DOM here.
(function (global) {
  'use strict';

  var MARKS = /\p{M}+/gu;
  var WORD = /[\p{L}\p{N}]+/gu;

  /** Lowercase, strip diacritics and undo ligatures: "Līdzdalība" → "lidzdaliba". */
  function fold(s) {
    return String(s).normalize('NFKD').replace(MARKS, '').toLowerCase().normalize('NFC');
  }

  // Latvian (and a few English) endings, longest first (as ui/src/js/text.js).
  var ENDINGS = [
    'ajiem', 'ajam', 'ajai', 'ajos', 'ajas', 'iem', 'ais', 'aja',
    'am', 'em', 'im', 'um', 'us', 'as', 'es', 'is', 'os', 'ie', 'ij', 'ai', 'ei',
    'a', 'e', 'i', 'o', 'u', 's',
  ];
  var STOP = new Set(['un', 'vai', 'ir', 'kas', 'ka', 'par', 'uz', 'no', 'ar', 'the', 'and', 'of', 'or', 'to', 'in']);

  /** The prefix a (folded) word's inflected forms share. */
  function stemKey(w) {
    if (w.length < 5) return w;
    for (var i = 0; i < ENDINGS.length; i++) {
      var e = ENDINGS[i];
      if (w.endsWith(e) && w.length - e.length >= 4) return w.slice(0, -e.length);
    }
    return w;
  }

  /** Folded words of a text. */
  function words(text) {
    var out = [];
    for (var m of String(text).matchAll(WORD)) out.push(fold(m[0]));
    return out;
  }

  /**
   * The query as groups of terms: a quoted part is a phrase (its words in a row), every other
   * word a group of its own. Stop words and one-letter words are dropped outside phrases.
   */
  function parseQuery(query) {
    var groups = [];
    var parts = String(query).split('"');
    for (var i = 0; i < parts.length; i++) {
      var ws = words(parts[i]);
      if (i % 2 === 1) {
        if (ws.length) groups.push({ phrase: true, terms: ws.map(term) });
      } else {
        for (var j = 0; j < ws.length; j++) {
          if (ws[j].length < 2 || STOP.has(ws[j])) continue;
          groups.push({ phrase: false, terms: [term(ws[j])] });
        }
      }
    }
    return groups;
  }

  function term(w) {
    return { word: w, key: stemKey(w), len: w.length };
  }

  /** A term matches a folded word sharing its stem prefix (ui/src/js/text.js makeMatcher). */
  function matches(t, w) {
    if (w === t.key) return true;
    return w.startsWith(t.key) && w.length <= Math.max(t.len, t.key.length) + 4;
  }

  /**
   * An index over pages [[docId, page, text], …]: each page's folded words and, per distinct
   * word, the pages holding it (so a query scans the vocabulary, not every page).
   */
  function buildIndex(pages) {
    var vocab = new Map();
    var tokens = new Array(pages.length);
    for (var i = 0; i < pages.length; i++) {
      var ws = words(pages[i][2]);
      tokens[i] = ws;
      var seen = new Set(ws);
      for (var w of seen) {
        var list = vocab.get(w);
        if (list) list.push(i);
        else vocab.set(w, [i]);
      }
    }
    return { pages: pages, tokens: tokens, vocab: vocab };
  }

  function pagesFor(index, t) {
    var out = new Set();
    for (var [w, list] of index.vocab) {
      if (matches(t, w)) for (var k = 0; k < list.length; k++) out.add(list[k]);
    }
    return out;
  }

  /** Positions in a page's words where a group starts (every word for a term). */
  function groupHits(tokens, g) {
    var out = [];
    var n = g.terms.length;
    for (var p = 0; p + n <= tokens.length; p++) {
      var ok = true;
      for (var k = 0; k < n && ok; k++) ok = matches(g.terms[k], tokens[p + k]);
      if (ok) out.push(p);
    }
    return out;
  }

  /**
   * Documents best first: [{docId, page, score, pages: [other pages], positions}]. Every group
   * must match on the page; the score adds each group's (dampened) count, words of
   * neighbouring groups next to each other (the phrase the user typed without quotes), and
   * exact spelling.
   */
  function search(index, query, limit) {
    var groups = parseQuery(query);
    if (!groups.length) return [];
    var candidates = null;
    for (var g of groups) {
      for (var t of g.terms) {
        var ps = pagesFor(index, t);
        candidates = candidates === null ? ps : new Set([...candidates].filter(function (p) { return ps.has(p); }));
      }
    }
    var exact = groups.map(function (g) { return g.terms.map(function (t) { return t.word; }); });
    var byDoc = new Map();
    for (var pi of candidates) {
      var toks = index.tokens[pi];
      var score = 0;
      var starts = [];
      var ok = true;
      for (var gi = 0; gi < groups.length && ok; gi++) {
        var hits = groupHits(toks, groups[gi]);
        if (!hits.length) { ok = false; break; }
        starts.push(hits);
        score += 1 + Math.log(hits.length);
        for (var h of hits) if (toks[h] === exact[gi][0]) { score += 0.25; break; }
      }
      if (!ok) continue;
      var best = starts[0][0];
      for (gi = 0; gi + 1 < groups.length; gi++) {
        var next = new Set(starts[gi + 1]);
        var len = groups[gi].terms.length;
        for (var s of starts[gi]) {
          if (next.has(s + len)) {
            score += 3;
            if (gi === 0) best = s;
          }
        }
      }
      var docId = index.pages[pi][0];
      var page = index.pages[pi][1];
      var cur = byDoc.get(docId);
      if (!cur) {
        byDoc.set(docId, { docId: docId, page: page, score: score, at: best, pages: [page] });
      } else {
        cur.pages.push(page);
        if (score > cur.score) { cur.score = score; cur.page = page; cur.at = best; }
      }
    }
    var out = [...byDoc.values()];
    out.forEach(function (d) { d.pages.sort(function (a, b) { return a - b; }); });
    out.sort(function (a, b) { return b.score - a.score || a.docId - b.docId; });
    return out.slice(0, limit || 100);
  }

  /** A matcher for marking words: any query word's stem prefix. */
  function marker(query) {
    var ts = [];
    parseQuery(query).forEach(function (g) { ts.push.apply(ts, g.terms); });
    return function (word) {
      var w = fold(word);
      return ts.some(function (t) { return matches(t, w); });
    };
  }

  /**
   * About `width` words of `text` around its `at`-th word, as [{text, hit}] pieces (the caller
   * escapes them), with an ellipsis where the text was cut.
   */
  function snippet(text, at, query, width) {
    width = width || 30;
    var mark = marker(query);
    var all = [...String(text).matchAll(WORD)];
    if (!all.length) return [];
    var from = Math.max(0, at - Math.floor(width / 3));
    var to = Math.min(all.length, from + width);
    var start = all[from].index;
    var end = to < all.length ? all[to - 1].index + all[to - 1][0].length : text.length;
    var pieces = [];
    if (from > 0) pieces.push({ text: '… ', hit: false });
    var pos = start;
    for (var i = from; i < to; i++) {
      var m = all[i];
      if (m.index > pos) pieces.push({ text: text.slice(pos, m.index), hit: false });
      pieces.push({ text: m[0], hit: mark(m[0]) });
      pos = m.index + m[0].length;
    }
    if (end > pos) pieces.push({ text: text.slice(pos, end), hit: false });
    if (to < all.length) pieces.push({ text: ' …', hit: false });
    return pieces;
  }

  var api = { fold: fold, stemKey: stemKey, parseQuery: parseQuery, buildIndex: buildIndex, search: search, snippet: snippet };
  global.OgpSearch = api;
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
})(typeof window !== 'undefined' ? window : globalThis);
