// Pure text helpers of the UI (no DOM): diacritic folding, the search-word matcher used to
// highlight words in the PDF text layer, snippet sanitising and small formatters.
// Tested with `node --test tests/`.

const MARKS = /\p{M}+/gu;
const WORD = /[\p{L}\p{N}]+/gu;

/** Lowercase, strip diacritics and undo ligatures: "Līdzdalība" → "lidzdaliba", "ﬁ" → "fi". */
export function fold(s) {
  return String(s).normalize('NFKD').replace(MARKS, '').toLowerCase().normalize('NFC');
}

// Latvian (and a few English) endings, longest first; stripped to get a prefix key so that
// inflected forms of a query word match ("lidzdaliba" ~ "līdzdalību", "līdzdalības").
const ENDINGS = [
  'ajiem', 'ajam', 'ajai', 'ajos', 'ajas', 'iem', 'ais', 'aja',
  'am', 'em', 'im', 'um', 'us', 'as', 'es', 'is', 'os', 'ie', 'ij', 'ai', 'ei',
  'a', 'e', 'i', 'o', 'u', 's',
];
const STOP = new Set(['un', 'vai', 'ir', 'kas', 'ka', 'par', 'uz', 'no', 'ar', 'the', 'and', 'of', 'or', 'to', 'in']);

/** The prefix a word's inflected forms share (on a folded word). */
export function stemKey(w) {
  if (w.length < 5) return w;
  for (const e of ENDINGS) {
    if (w.endsWith(e) && w.length - e.length >= 4) return w.slice(0, -e.length);
  }
  return w;
}

/** Words of a query, folded, without stop words and one-letter words. */
export function queryTerms(query) {
  const out = [];
  for (const m of String(query).matchAll(WORD)) {
    const w = fold(m[0]);
    if (w.length < 2 || STOP.has(w)) continue;
    if (!out.includes(w)) out.push(w);
  }
  return out;
}

/** The words the library marked in a snippet (`<b>…</b>`), folded. */
export function snippetTerms(snippet) {
  const out = [];
  for (const m of String(snippet || '').matchAll(/<b>(.*?)<\/b>/gis)) {
    for (const w of m[1].matchAll(WORD)) {
      const f = fold(w[0]);
      if (f.length >= 2 && !out.includes(f)) out.push(f);
    }
  }
  return out;
}

/**
 * A matcher for the words to highlight: query words match any word sharing their stem prefix
 * (diacritic-insensitive), snippet words match exactly (folded).
 * Returns a function word → boolean.
 */
export function makeMatcher(query, extraWords = []) {
  const keys = queryTerms(query).map((t) => ({ key: stemKey(t), len: t.length }));
  const exact = new Set(extraWords.map(fold));
  if (keys.length === 0 && exact.size === 0) return null;
  return (word) => {
    const f = fold(word);
    if (exact.has(f)) return true;
    for (const { key, len } of keys) {
      if (f === key) return true;
      if (f.startsWith(key) && f.length <= Math.max(len, key.length) + 4) return true;
    }
    return false;
  };
}

/** Ranges [start, end) of the words in `text` the matcher accepts. */
export function matchRanges(text, matcher) {
  const out = [];
  if (!matcher) return out;
  for (const m of String(text).matchAll(WORD)) {
    if (matcher(m[0])) out.push([m.index, m.index + m[0].length]);
  }
  return out;
}

export function escapeHtml(s) {
  return String(s ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * Keeps only `<b>` and `</b>` of a snippet the library produced; any other `<`/`>` is escaped
 * and a bare `&` that is not an entity becomes `&amp;`. Safe to put in innerHTML.
 */
export function safeSnippet(html) {
  return String(html ?? '')
    .split(/(<\/?b>)/i)
    .map((part) => {
      if (/^<\/?b>$/i.test(part)) return part.toLowerCase();
      return part
        .replace(/&(?!(?:[a-z]+|#\d+|#x[0-9a-f]+);)/gi, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;');
    })
    .join('');
}

/** "1.2 MB" style sizes. */
export function formatSize(bytes) {
  const n = Number(bytes) || 0;
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** A suggested bundle name for a cycle export (`format` 'bagit', the default, or 'plain'). */
export function exportFileName(cycle, format = 'bagit') {
  const plain = format === 'plain' ? '-plain' : '';
  return `OGP-${cycle.number}-cikls-${cycle.start_year}-${cycle.end_year}${plain}.zip`;
}

/** Splits "Latvian / English" at the first " / " (for messages without separate parts). */
export function pickLang(message, lang) {
  const s = String(message ?? '');
  const i = s.indexOf(' / ');
  if (i < 0) return s;
  return lang === 'en' ? s.slice(i + 3) : s.slice(0, i);
}

/** A progress bar's CSS width for `done` of `total` ("0%" while the total is unknown). */
export function percent(done, total) {
  return total ? `${Math.round((100 * done) / total)}%` : '0%';
}

/** "text — current item", or only the text when there is no current item. */
export function withCurrent(text, current) {
  return current ? `${text} — ${current}` : text;
}

/**
 * The i18n key for "N documents": Latvian uses the singular for 1, 21, 31, … (not 11) and its
 * own word for none; English the singular only for 1.
 */
export function docCountKey(n, lang) {
  if (lang === 'lv') {
    if (n % 10 === 1 && n % 100 !== 11) return 'docCount1';
    if (n === 0) return 'docCount0';
  } else if (n === 1) return 'docCount1';
  return 'docCount';
}

/** Where an export goes when the app was given an export folder (`--export-dir`). */
export function exportPath(dir, cycle, format = 'bagit') {
  return `${dir.replace(/\/$/, '')}/${exportFileName(cycle, format)}`;
}

/** Whether `s` is a date the way the archive writes them: YYYY-MM-DD. */
export function isIsoDate(s) {
  return /^\d{4}-\d{2}-\d{2}$/.test(s);
}

/** "2026-03-01T12:34:56Z" → "2026-03-01 12:34": a timestamp to the minute. */
export function shortTime(iso) {
  return (iso || '').replace('T', ' ').slice(0, 16);
}
