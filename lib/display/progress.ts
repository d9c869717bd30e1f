/**
 * A progress line for long cells (count, rate, time left), redrawn in place at a throttled rate.
 */
import { newDisplayId, showBundle, updateBundle } from "./sink";
import { type Clock, Throttle, systemClock } from "./throttle";
import { escapeHtml, formatNumber } from "./format";
import { checkFunction, checkOptions, describe } from "../core/args";

export interface ProgressOptions {
  /** Minimum time between redraws in milliseconds (default 250). */
  intervalMs?: number;
  clock?: Clock;
}

/** A running count towards `total`; see {@link progress}. */
export class Progress {
  private count = 0;
  private readonly started: number;
  private readonly clock: Clock;
  private readonly displayId = newDisplayId();
  private readonly throttle: Throttle;
  private finished = false;

  constructor(
    readonly total: number,
    readonly label: string = "progress",
    options: ProgressOptions = {},
  ) {
    if (typeof total !== "number" || !Number.isInteger(total) || total <= 0) {
      throw new RangeError(
        `progress: total must be a positive integer, got ${typeof total === "number" ? total : describe(total)}`,
      );
    }
    if (typeof label !== "string") throw new TypeError(`progress: label must be a string, got ${describe(label)}`);
    checkOptions(options, "progress");
    const { clock = systemClock, intervalMs = 250 } = options ?? {};
    if (!(typeof intervalMs === "number" && intervalMs >= 0))
      throw new RangeError(`progress: intervalMs must be a number >= 0, got ${describe(intervalMs)}`);
    checkFunction(clock, "progress", "clock");
    this.clock = clock;
    this.started = this.clock();
    this.throttle = new Throttle(() => updateBundle(this.bundle(), this.displayId), intervalMs, this.clock);
    showBundle(this.bundle(), this.displayId);
  }

  /** Counts `n` more steps done. */
  tick(n = 1): void {
    if (this.finished) throw new Error(`progress "${this.label}": tick() after done()`);
    if (typeof n !== "number" || !Number.isInteger(n) || n < 0)
      throw new RangeError(
        `progress "${this.label}": tick(n) needs a whole number n >= 0, got ${typeof n === "number" ? n : describe(n)}`,
      );
    this.count = Math.min(this.total, this.count + n);
    this.throttle.request();
  }

  /** Shows the final line (the count reached, total time). */
  done(): void {
    if (this.finished) return;
    this.finished = true;
    this.throttle.flushNow();
  }

  /**
   * The status line, e.g. "sweep: 40/100 (40%), 120 it/s, 0.5 s left".
   * @example progress(10, "fit").text() // "fit: 0/10 (0%)"
   */
  text(): string {
    const seconds = (this.clock() - this.started) / 1000;
    const percent = Math.floor((100 * this.count) / this.total);
    const head = `${this.label}: ${this.count}/${this.total} (${percent}%)`;
    if (this.finished) return `${head}, done in ${formatDuration(seconds)}`;
    if (this.count === 0 || seconds <= 0) return head;
    const rate = this.count / seconds;
    const left = (this.total - this.count) / rate;
    return `${head}, ${formatNumber(rate, 3)} it/s, ${formatDuration(left)} left`;
  }

  private bundle() {
    const text = this.text();
    return {
      "text/plain": text,
      "text/html": `<div class="adlab-progress"><progress value="${this.count}" max="${this.total}" style="width:40%"></progress> <span style="font-family:monospace">${escapeHtml(text)}</span></div>`,
    };
  }
}

function formatDuration(seconds: number): string {
  if (seconds < 1) return `${formatNumber(seconds * 1000, 2)} ms`;
  if (seconds < 60) return `${formatNumber(seconds, 2)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds - 60 * minutes)} s`;
}

/**
 * Shows a progress line that updates in place.
 * @example const bar = progress(steps.length, "sweep"); for (const h of steps) { run(h); bar.tick(); } bar.done();
 */
export function progress(total: number, label = "progress", options: ProgressOptions = {}): Progress {
  return new Progress(total, label, options);
}
