// Progress for people watching a terminal: one line on stderr, rewritten in place and erased at
// the end. Only when stderr is a terminal; a pipe or a CI log never receives a byte of it.

export class Progress {
  private shown = false;

  constructor(
    private readonly write: ((s: string) => void) | undefined,
    private readonly started = Date.now(),
  ) {}

  /** Replaces the progress line with `what` and the time spent so far. */
  step(what: string): void {
    if (!this.write) return;
    const s = ((Date.now() - this.started) / 1000).toFixed(1);
    this.write(`\r\x1b[2K${what} (${s}s)`);
    this.shown = true;
  }

  /** Erases the progress line, so the report starts on a clean line. */
  done(): void {
    if (this.write && this.shown) this.write('\r\x1b[2K');
    this.shown = false;
  }
}
