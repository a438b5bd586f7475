import { formatDuration } from '../domain/duration';
import type { Estimate } from '../domain/estimate';
import { formatMoney } from '../domain/money';
import { t, uiLocale } from '../i18n';

export interface PanelRow {
  title: string;
  estimate: Estimate;
}

const STYLE =
  ':host{all:initial}details{position:fixed;left:12px;bottom:12px;z-index:2147483646;max-width:380px;max-height:60vh;' +
  'overflow:auto;font:13px/1.4 system-ui,sans-serif;color:#1b1f24;background:#fff;border:2px solid #8c959f;' +
  'border-radius:8px;padding:6px 10px}summary{cursor:pointer;font-weight:600}summary:focus-visible{outline:2px solid #0969da}' +
  'ul{margin:6px 0 0;padding:0;list-style:none}li{padding:4px 0;border-top:1px solid #d0d7de}.title{display:block}' +
  '.under{color:#a40e26;font-weight:600}.muted{color:#57606a}' +
  '@media (prefers-color-scheme:dark){details{color:#e6edf3;background:#15181c}.under{color:#ffa198}.muted{color:#9da7b3}}';

/**
 * A panel on search results and the queue: what each HIT group is expected to pay this worker, from their
 * own history. A panel rather than marks in MTurk's table: the table's markup is not known to be stable.
 * Page strings are set with textContent only.
 */
export class EstimatesPanel {
  private readonly host = document.createElement('centime-estimates');
  private readonly details: HTMLDetailsElement;

  constructor() {
    const root = this.host.attachShadow({ mode: 'closed' });
    const style = document.createElement('style');
    style.textContent = STYLE;
    this.details = document.createElement('details');
    root.append(style, this.details);
  }

  show(rows: PanelRow[]): void {
    const locale = uiLocale();
    const summary = document.createElement('summary');
    const under = rows.filter((r) => r.estimate.band === 'under').length;
    summary.textContent = t('estimatesSummary', [String(under), String(rows.length)]);
    const list = document.createElement('ul');
    for (const { title, estimate: e } of rows) {
      const item = document.createElement('li');
      const name = document.createElement('span');
      name.className = 'title';
      name.textContent = title;
      const line = document.createElement('span');
      if (e.expected && e.medianMs !== undefined) {
        line.className = e.band === 'under' ? 'under' : '';
        const subs = [formatMoney(e.expected, locale), formatDuration(e.medianMs), String(e.samples)];
        line.textContent =
          (e.basis === 'group'
            ? t('estimateGroup', subs)
            : e.basis === 'requester'
              ? t('estimateRequester', subs)
              : t('estimatePlatform', subs.slice(0, 2))) + (e.band === 'under' ? ` — ${t('estimateUnder')}` : '');
      } else {
        line.className = 'muted';
        line.textContent = t('noEstimate');
      }
      item.append(name, line);
      if (e.worstCase) {
        const worst = document.createElement('span');
        worst.className = 'muted';
        worst.textContent = ` · ${t('worstCase', [formatMoney(e.worstCase, locale)])}`;
        item.append(worst);
      }
      list.append(item);
    }
    this.details.replaceChildren(summary, list);
    if (!this.host.isConnected) document.documentElement.append(this.host);
  }

  unmount(): void {
    this.host.remove();
  }
}
