// The bundle's offline page: documents by session (each opening its PDF), the meetings and
// commitments when the bundle carries them, and full-text search over the page texts. The
// data comes from search-data.js (`window.OGP_BUNDLE`); the query lives in the address
// (`index.html#q=…`) so a search can be linked to, bookmarked and opened straight away.
(function () {
  'use strict';

  var data = window.OGP_BUNDLE;
  var $ = function (id) { return document.getElementById(id); };

  var KINDS = {
    plan: 'rīcības plāns', protocol: 'protokols', presentation: 'prezentācija',
    evaluation: 'izvērtējums', declaration: 'deklarācija', survey: 'aptauja', other: 'cits',
  };

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) {
      if (attrs[k] === null || attrs[k] === undefined) continue;
      if (k === 'text') e.textContent = attrs[k];
      else e.setAttribute(k, attrs[k]);
    }
    (children || []).forEach(function (c) {
      if (c !== null && c !== undefined) e.append(c);
    });
    return e;
  }

  function size(bytes) {
    var n = Number(bytes) || 0;
    if (n < 1024 * 1024) return Math.max(1, Math.ceil(n / 1024)) + ' KB';
    return (n / 1024 / 1024).toFixed(1) + ' MB';
  }

  function pdfHref(doc, page) {
    // Path segments are percent-encoded one by one: file names keep their Latvian letters.
    var href = doc.path.split('/').map(encodeURIComponent).join('/');
    return page ? href + '#page=' + page : href;
  }

  if (!data) {
    $('status').textContent = 'Trūkst search-data.js / search-data.js is missing';
    return;
  }

  var docs = new Map(data.documents.map(function (d) { return [d.id, d]; }));
  var index = null; // built on the first search

  function header() {
    var c = data.cycle;
    $('bundle-title').textContent = c.label;
    document.title = c.label + ' — OGP arhīvs';
    $('bundle-meta').textContent = data.documents.length + ' dokumenti, ' + data.pages.length +
      ' lappuses · eksportēts / exported ' + data.exported_at;
  }

  function docRow(d) {
    return el('tr', { 'data-doc-id': d.id }, [
      el('td', {}, [el('a', { href: pdfHref(d), text: d.title, class: 'doc-title' }),
        el('div', { class: 'muted small', text: d.file_name })]),
      el('td', { text: KINDS[d.kind] || d.kind }),
      el('td', { text: d.date || '' }),
      el('td', { text: d.lang }),
      el('td', { class: 'num', text: d.pages }),
      el('td', { class: 'num', text: size(d.size) }),
      el('td', {}, [el('a', { href: d.text, text: 'teksts' })]),
      el('td', { class: 'sha', title: 'SHA-256 ' + d.sha256, text: d.sha256.slice(0, 12) + '…' }),
    ]);
  }

  function browse() {
    var root = $('browse');
    root.replaceChildren();
    var groups = data.sessions.map(function (s) {
      return { key: s.date, title: s.date + (s.title ? ' · ' + s.title : ''), docs: [] };
    });
    var byDate = new Map(groups.map(function (g) { return [g.key, g]; }));
    var none = { key: null, title: 'Bez sēdes / Without a session', docs: [] };
    data.documents.forEach(function (d) {
      (d.session && byDate.get(d.session) || none).docs.push(d);
    });
    groups.push(none);
    groups.filter(function (g) { return g.docs.length; }).forEach(function (g) {
      var head = el('tr', {}, ['Nosaukums / Title', 'Veids', 'Datums', 'Val.', 'Lpp.', 'Izmērs', '', 'SHA-256']
        .map(function (h) { return el('th', { text: h }); }));
      root.append(el('section', { class: 'session', 'data-session': g.key || 'none' }, [
        el('h2', { text: g.title }),
        el('table', { class: 'docs' }, [el('thead', {}, [head]), el('tbody', {}, g.docs.map(docRow))]),
      ]));
    });
  }

  function hitItem(h, query) {
    var d = docs.get(h.docId);
    var pageIdx = data.pages.findIndex(function (p) { return p[0] === h.docId && p[1] === h.page; });
    var snip = el('p', { class: 'snippet' });
    OgpSearch.snippet(data.pages[pageIdx][2], h.at, query).forEach(function (piece) {
      snip.append(piece.hit ? el('mark', { text: piece.text }) : document.createTextNode(piece.text));
    });
    var others = h.pages.filter(function (p) { return p !== h.page; }).slice(0, 20);
    return el('li', { class: 'hit', 'data-doc-id': d.id, 'data-page': h.page, 'data-file': d.file_name }, [
      el('a', { class: 'doc-title', href: pdfHref(d, h.page), text: d.title }),
      el('span', { class: 'page', text: ' · lpp. ' + h.page }),
      el('div', { class: 'muted small', text: [d.session || 'bez sēdes', KINDS[d.kind] || d.kind, d.lang, d.file_name].join(' · ') }),
      snip,
      others.length ? el('div', { class: 'small' }, ['Arī lpp. / Also pages: '].concat(others.map(function (p) {
        return el('a', { href: pdfHref(d, p), class: 'other-page', text: String(p) + ' ' });
      }))) : null,
    ]);
  }

  function run(query) {
    var q = query.trim();
    $('q').value = query;
    if (!q) {
      $('results').hidden = true;
      $('browse').hidden = false;
      $('status').textContent = '';
      return;
    }
    if (!index) index = OgpSearch.buildIndex(data.pages);
    var hits = OgpSearch.search(index, q, 100);
    $('hits').replaceChildren.apply($('hits'), hits.map(function (h) { return hitItem(h, q); }));
    $('results').hidden = false;
    $('browse').hidden = true;
    $('status').setAttribute('data-count', hits.length);
    $('status').textContent = hits.length
      ? 'Atrasti ' + hits.length + ' dokumenti / ' + hits.length + ' documents found'
      : 'Nekas nav atrasts / Nothing found';
  }

  // ---- meetings and commitments: shown when the bundle has them, whatever their fields ----

  var HEADINGS = ['number', 'date', 'title', 'name', 'text'];

  function docLink(obj) {
    var id = obj.document_id !== undefined ? obj.document_id : obj.doc_id;
    var d = docs.get(id);
    if (!d) return null;
    var page = Number(obj.page) || null;
    return el('a', { href: pdfHref(d, page), class: 'record-doc', text: d.title + (page ? ' · lpp. ' + page : '') });
  }

  function record(value) {
    if (Array.isArray(value)) {
      return el('ul', { class: 'record-list' }, value.map(function (v) { return el('li', {}, [record(v)]); }));
    }
    if (value === null || typeof value !== 'object') return document.createTextNode(String(value ?? ''));
    var head = HEADINGS.filter(function (k) { return typeof value[k] === 'string' || typeof value[k] === 'number'; });
    var box = el('div', { class: 'record' }, [
      head.length ? el('strong', { text: head.map(function (k) { return value[k]; }).join(' · ') }) : null,
      docLink(value),
    ]);
    var dl = el('dl');
    Object.keys(value).forEach(function (k) {
      if (head.includes(k) || k === 'document_id' || k === 'doc_id' || k === 'page') return;
      var v = value[k];
      if (v === null || (Array.isArray(v) && !v.length)) return;
      dl.append(el('dt', { text: k }), el('dd', {}, [record(v)]));
    });
    if (dl.childNodes.length) box.append(dl);
    return box;
  }

  function records(name, value) {
    if (value === null || value === undefined) return;
    $(name).hidden = false;
    $('nav-' + name).hidden = false;
    $(name + '-body').replaceChildren(record(value));
  }

  function queryFromHash() {
    var m = /(?:^#|&)q=([^&]*)/.exec(location.hash);
    return m ? decodeURIComponent(m[1].replace(/\+/g, ' ')) : '';
  }

  header();
  browse();
  records('meetings', data.meetings);
  records('commitments', data.commitments);
  $('search-form').addEventListener('submit', function (e) {
    e.preventDefault();
    location.hash = 'q=' + encodeURIComponent($('q').value);
  });
  window.addEventListener('hashchange', function () {
    if (/^#q=/.test(location.hash) || location.hash === '' || location.hash === '#') run(queryFromHash());
  });
  run(queryFromHash());
})();
