import type { PanelText } from '../messaging';

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
 * The background reads the page and formats the words (`lib/background/page-reader.ts`, `panel-text.ts`). The
 * panel opens on its summary; its rows (up to 200) are built when the worker opens it, not on every page load.
 * The titles are the page's own text: every string is set with textContent only.
 */
export class EstimatesPanel {
  private readonly host = document.createElement('centime-estimates');
  private readonly details = document.createElement('details');
  private readonly summary = document.createElement('summary');
  private text: PanelText | null = null;

  constructor() {
    const root = this.host.attachShadow({ mode: 'closed' });
    const style = document.createElement('style');
    style.textContent = STYLE;
    this.details.append(this.summary);
    this.details.addEventListener('toggle', () => this.rows());
    root.append(style, this.details);
  }

  show(text: PanelText): void {
    this.text = text;
    this.summary.textContent = text.summary;
    this.details.replaceChildren(this.summary);
    this.rows();
    if (!this.host.isConnected) {
      // One an older copy left (Firefox cuts its script off on an update, not its DOM) goes: never two at once.
      for (const left of document.querySelectorAll('centime-estimates')) left.remove();
      document.documentElement.append(this.host);
    }
  }

  unmount(): void {
    this.host.remove();
  }

  private rows(): void {
    if (!this.details.open || !this.text || this.details.childElementCount > 1) return;
    const span = (content: string, cls: string) => {
      const node = document.createElement('span');
      node.className = cls;
      node.textContent = content;
      return node;
    };
    const list = document.createElement('ul');
    for (const row of this.text.rows) {
      const item = document.createElement('li');
      item.append(span(row.title, 'title'), span(row.line, row.under ? 'under' : row.muted ? 'muted' : ''));
      if (row.worst) item.append(span(` · ${row.worst}`, 'muted'));
      list.append(item);
    }
    this.details.append(list);
  }
}
