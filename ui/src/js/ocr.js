// The OCR panel: progress while the background job recognises scanned pages; what to install,
// or what failed, while pages wait; a short "done" note after a run. Hidden when there is
// nothing to say. What it says is decided by model.ocrPanelView (tested under node).

import * as api from './api.js';
import { t } from './i18n.js';
import { $, h, fill, errorText, guarded } from './dom.js';
import { OCR_PANEL, ocrPanelView } from './model.js';
import { percent, withCurrent } from './text.js';
import { setOcr } from './state.js';

let hideTimer = 0;

/** Starts the OCR job on the queued pages (of documents `ids`, or all) and shows its status. */
export function startOcr(ids = null) {
  return guarded(async () => renderOcr(await api.startOcrJob(ids)));
}

/** Shows the OCR job's status `v` (from `ocr_status` or an `ocr` event). */
export function renderOcr(v) {
  const prev = setOcr(v);
  const panel = $('ocr-panel');
  clearTimeout(hideTimer);
  const view = ocrPanelView(v, prev);
  if (!view) {
    panel.hidden = true;
    panel.dataset.state = OCR_PANEL.NONE;
    return;
  }
  let text;
  if (view.error) text = errorText(view.error);
  else if (view.state === OCR_PANEL.RUNNING) text = withCurrent(t(view.key, view.params), v.current);
  else text = t(view.key, view.params);
  if (view.state === OCR_PANEL.RUNNING) $('ocr-bar').style.width = percent(v.runDone, v.runTotal);
  if (view.hideLater) {
    hideTimer = setTimeout(() => {
      panel.hidden = true;
    }, 6000);
  }
  panel.dataset.state = view.state;
  $('ocr-text').textContent = text;
  fill($('ocr-actions'), view.retry ? h('button', { type: 'button', id: 'ocr-retry', onclick: () => startOcr(null) }, t('ocrRetry')) : null);
  panel.hidden = false;
}
