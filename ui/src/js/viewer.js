// The PDF viewer: pdf.js (bundled under vendor/pdfjs) renders one page at a time with its
// text layer; words matching the search are marked in the text layer. The PDF bytes come only
// from the app's ogpdoc: protocol, by document id.

import * as pdfjsLib from '../vendor/pdfjs/pdf.min.mjs';
import { matchRanges } from './text.js';

pdfjsLib.GlobalWorkerOptions.workerSrc = new URL('../vendor/pdfjs/pdf.worker.min.mjs', import.meta.url).href;
const VENDOR = new URL('../vendor/pdfjs/', import.meta.url).href;

export function documentUrl(id) {
  return `ogpdoc://localhost/${encodeURIComponent(id)}`;
}

export class Viewer {
  /** host: the scroll container; onPage(page, total) is told whenever the page changes;
   *  ocrWords(page) may give a recognised page's words ({text, bbox: [l, t, r, b] as page
   *  fractions}), which are laid over the scan so hits are marked there too. */
  constructor(host, { onPage, onError, ocrWords } = {}) {
    this.host = host;
    this.onPage = onPage || (() => {});
    this.ocrWords = ocrWords || (async () => null);
    this.onError = onError || (() => {});
    this.pdf = null;
    this.page = 1;
    this.zoom = 1;
    this.matcher = null;
    this.token = 0;
    this.renderTask = null;
    this.textLayer = null;
    let resizeTimer = 0;
    this.resizeObserver = new ResizeObserver(() => {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(() => this.pdf && this.render(false), 150);
    });
    this.resizeObserver.observe(host);
  }

  async open(id, { page = 1, matcher = null } = {}) {
    const token = ++this.token;
    this.close();
    this.matcher = matcher;
    this.host.replaceChildren();
    this.host.setAttribute('aria-busy', 'true');
    try {
      const res = await fetch(documentUrl(id));
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const data = new Uint8Array(await res.arrayBuffer());
      const pdf = await pdfjsLib.getDocument({
        data,
        cMapUrl: `${VENDOR}cmaps/`,
        cMapPacked: true,
        standardFontDataUrl: `${VENDOR}standard_fonts/`,
        isEvalSupported: false,
        enableXfa: false,
      }).promise;
      if (token !== this.token) {
        pdf.destroy();
        return;
      }
      this.pdf = pdf;
      this.page = Math.min(Math.max(1, page), pdf.numPages);
      await this.render(true);
    } catch (e) {
      if (token === this.token) this.onError(e);
    } finally {
      if (token === this.token) this.host.removeAttribute('aria-busy');
    }
  }

  get pageCount() {
    return this.pdf ? this.pdf.numPages : 0;
  }

  goTo(n) {
    if (!this.pdf) return;
    const p = Math.min(Math.max(1, n), this.pdf.numPages);
    if (p === this.page) return;
    this.page = p;
    this.render(true);
  }

  setZoom(z) {
    this.zoom = Math.min(4, Math.max(0.4, z));
    this.render(false);
  }

  async render(scrollToHit) {
    if (!this.pdf) return;
    const token = this.token;
    const n = this.page;
    this.onPage(n, this.pdf.numPages);
    const page = await this.pdf.getPage(n);
    if (token !== this.token || n !== this.page) return;
    const base = page.getViewport({ scale: 1 });
    const avail = Math.min(1100, Math.max(200, this.host.clientWidth - 32));
    const scale = (avail / base.width) * this.zoom;
    const viewport = page.getViewport({ scale });
    const dpr = window.devicePixelRatio || 1;

    const wrap = document.createElement('div');
    wrap.className = 'pdf-page';
    wrap.dataset.page = String(n);
    wrap.style.width = `${Math.floor(viewport.width)}px`;
    wrap.style.height = `${Math.floor(viewport.height)}px`;
    wrap.style.setProperty('--scale-factor', String(scale));
    wrap.style.setProperty('--total-scale-factor', String(scale));
    const canvas = document.createElement('canvas');
    canvas.width = Math.floor(viewport.width * dpr);
    canvas.height = Math.floor(viewport.height * dpr);
    canvas.style.width = `${Math.floor(viewport.width)}px`;
    canvas.style.height = `${Math.floor(viewport.height)}px`;
    const text = document.createElement('div');
    text.className = 'textLayer';
    wrap.append(canvas, text);

    if (this.renderTask) this.renderTask.cancel();
    if (this.textLayer) this.textLayer.cancel();
    this.renderTask = page.render({
      canvas,
      viewport,
      transform: dpr !== 1 ? [dpr, 0, 0, dpr, 0, 0] : undefined,
    });
    try {
      await this.renderTask.promise;
    } catch (e) {
      if (e?.name === 'RenderingCancelledException') return;
      throw e;
    }
    if (token !== this.token || n !== this.page) return;
    this.host.replaceChildren(wrap);
    this.textLayer = new pdfjsLib.TextLayer({
      textContentSource: page.streamTextContent(),
      container: text,
      viewport,
    });
    try {
      await this.textLayer.render();
    } catch {
      return;
    }
    if (token !== this.token || n !== this.page) return;
    let words = null;
    try {
      words = await this.ocrWords(n);
    } catch {
      words = null;
    }
    if (token !== this.token || n !== this.page) return;
    const ocr = words?.length ? ocrLayer(words, viewport) : null;
    if (ocr) wrap.append(ocr);
    const first = markMatches(text, this.matcher) || (ocr && markMatches(ocr, this.matcher));
    wrap.dataset.hits = String(wrap.querySelectorAll('mark.hit').length);
    if (scrollToHit && first) {
      const top = first.getBoundingClientRect().top - wrap.getBoundingClientRect().top;
      this.host.scrollTop = Math.max(0, top - this.host.clientHeight / 3);
    } else if (scrollToHit) {
      this.host.scrollTop = 0;
    }
  }

  close() {
    if (this.renderTask) this.renderTask.cancel();
    if (this.textLayer) this.textLayer.cancel();
    this.renderTask = null;
    this.textLayer = null;
    if (this.pdf) this.pdf.destroy();
    this.pdf = null;
  }
}

/** Invisible words on their OCR boxes, each stretched to its box's width. */
function ocrLayer(words, viewport) {
  const layer = document.createElement('div');
  layer.className = 'ocrLayer';
  const ctx = document.createElement('canvas').getContext('2d');
  for (const w of words) {
    const [l, t, r, b] = w.bbox;
    const height = Math.max(4, (b - t) * viewport.height);
    const width = Math.max(1, (r - l) * viewport.width);
    const span = document.createElement('span');
    span.textContent = w.text;
    span.style.left = `${(l * 100).toFixed(3)}%`;
    span.style.top = `${(t * 100).toFixed(3)}%`;
    span.style.fontSize = `${height.toFixed(1)}px`;
    span.style.fontFamily = 'sans-serif';
    ctx.font = `${height.toFixed(1)}px sans-serif`;
    const natural = ctx.measureText(w.text).width;
    if (natural > 0) span.style.transform = `scaleX(${(width / natural).toFixed(4)})`;
    layer.append(span);
  }
  return layer;
}

/** Wraps the matching words of each text-layer span in <mark class="hit">; returns the first. */
export function markMatches(layer, matcher) {
  if (!matcher) return null;
  let first = null;
  for (const span of layer.querySelectorAll('span')) {
    if (span.children.length) continue;
    const s = span.textContent;
    const ranges = matchRanges(s, matcher);
    if (!ranges.length) continue;
    const frag = document.createDocumentFragment();
    let at = 0;
    for (const [a, b] of ranges) {
      if (a > at) frag.append(s.slice(at, a));
      const m = document.createElement('mark');
      m.className = 'hit';
      m.textContent = s.slice(a, b);
      frag.append(m);
      first ||= m;
      at = b;
    }
    if (at < s.length) frag.append(s.slice(at));
    span.replaceChildren(frag);
  }
  return first;
}
