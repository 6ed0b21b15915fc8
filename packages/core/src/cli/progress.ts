import type { OutputStream } from './io.js';

/** A one-line progress indicator on stderr, shown only in a terminal and only for runs long enough to need it. */
export class Progress {
  static readonly MIN_FILES = 50;
  readonly #stream: OutputStream;
  readonly #enabled: boolean;
  readonly #total: number;
  #count = 0;
  #last = 0;
  #shown = false;

  constructor(stream: OutputStream, enabled: boolean, total: number) {
    this.#stream = stream;
    this.#total = total;
    this.#enabled = enabled && Boolean(stream.isTTY) && total >= Progress.MIN_FILES;
  }

  tick(label: string): void {
    this.#count++;
    if (!this.#enabled) return;
    const now = Date.now();
    if (now - this.#last < 100 && this.#count < this.#total) return;
    this.#last = now;
    const width = Math.max(20, (this.#stream.columns ?? 80) - 1);
    const line = `[${this.#count}/${this.#total}] ${label}`;
    this.#stream.write(`\r${line.length > width ? `…${line.slice(line.length - width + 1)}` : line.padEnd(width)}`);
    this.#shown = true;
  }

  done(): void {
    if (this.#shown) this.#stream.write(`\r${' '.repeat(Math.max(20, (this.#stream.columns ?? 80) - 1))}\r`);
  }
}
