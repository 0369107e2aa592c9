/**
 * A one-line progress bar on stderr for long ensembles: it appears only when the work has run for more than
 * `delayMs` and stderr is a terminal, redraws at most every `everyMs`, and erases itself when done.
 */
export interface ProgressOptions {
  readonly write: (text: string) => void;
  readonly isTTY: boolean;
  readonly total: number;
  readonly label?: string;
  readonly delayMs?: number;
  readonly everyMs?: number;
  readonly width?: number;
  readonly now?: () => number;
}

export class ProgressBar {
  private readonly started: number;
  private last = -Infinity;
  private shown = false;
  private readonly now: () => number;

  constructor(private readonly o: ProgressOptions) {
    this.now = o.now ?? (() => performance.now());
    this.started = this.now();
  }

  update(done: number): void {
    if (!this.o.isTTY) return;
    const t = this.now();
    if (t - this.started < (this.o.delayMs ?? 1000) || t - this.last < (this.o.everyMs ?? 100)) return;
    this.last = t;
    this.shown = true;
    this.o.write(`\r${render(done, this.o.total, (t - this.started) / 1000, this.o.width ?? 30, this.o.label ?? 'runs')}\u001b[K`);
  }

  /** Erases the bar (if it was ever drawn). */
  done(): void {
    if (this.shown) this.o.write('\r\u001b[K');
    this.shown = false;
  }
}

/** `[██████░░░░] 45% 450,000/1,000,000 runs · 21.3k/s · 26 s left` */
export function render(done: number, total: number, seconds: number, width: number, label: string): string {
  const f = total > 0 ? Math.min(1, done / total) : 1;
  const full = Math.round(f * width);
  const rate = seconds > 0 ? done / seconds : 0;
  const left = rate > 0 ? Math.ceil((total - done) / rate) : undefined;
  const rateText = rate >= 1000 ? `${(rate / 1000).toFixed(1)}k/s` : `${Math.round(rate)}/s`;
  const g = (n: number) => n.toLocaleString('en-US');
  return (
    `[${'█'.repeat(full)}${'░'.repeat(width - full)}] ${Math.floor(f * 100)}% ${g(done)}/${g(total)} ${label} · ${rateText}` +
    (left !== undefined ? ` · ${left} s left` : '')
  );
}
