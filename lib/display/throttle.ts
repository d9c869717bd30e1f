/**
 * Rate limiting for in-place displays: a loop may report thousands of times per second, but a
 * front end only needs a redraw a few times per second.
 */

/** Milliseconds since an arbitrary origin; injectable so tests do not depend on real time. */
export type Clock = () => number;

/** Real time, monotonic. */
export const systemClock: Clock = () => performance.now();

/**
 * Calls `flush` at most once per `intervalMs` from {@link Throttle.request}; {@link Throttle.flushNow}
 * always flushes. A synchronous loop never lets timers run, so the check happens inside request().
 * A trailing timer (unref'd: it never keeps Node alive) shows the last state when an async loop pauses.
 * @example const t = new Throttle(() => redraw(), 250); for (...) { change(); t.request(); } t.flushNow();
 */
export class Throttle {
  private lastFlush = -Infinity;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly flush: () => void,
    private readonly intervalMs = 250,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Flushes now if the interval has passed, otherwise schedules a trailing flush. */
  request(): void {
    if (this.clock() - this.lastFlush >= this.intervalMs) {
      this.flushNow();
    } else if (!this.timer) {
      this.timer = setTimeout(() => this.flushNow(), this.intervalMs);
      this.timer.unref?.();
    }
  }

  /** Flushes immediately and cancels any pending trailing flush. */
  flushNow(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.lastFlush = this.clock();
    this.flush();
  }

  /** Drops a pending trailing flush (after the final state has been shown). */
  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
