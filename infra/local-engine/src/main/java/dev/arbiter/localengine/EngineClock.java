package dev.arbiter.localengine;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine's clock: the system clock plus an offset that tests move forward, so that timers of
 * hours (SLA timers) fire at once. Zeebe's test engines offer the same control.
 */
public final class EngineClock {

  private final AtomicLong offsetMillis = new AtomicLong();
  private volatile Runnable onAdvance = () -> {};

  public Instant now() {
    return Instant.ofEpochMilli(millis());
  }

  public long millis() {
    return System.currentTimeMillis() + offsetMillis.get();
  }

  /** Moves the clock forward and returns once every timer due by then has fired. */
  public void advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("The engine clock only moves forward, but was asked to move " + duration);
    }
    offsetMillis.addAndGet(duration.toMillis());
    onAdvance.run();
  }

  void onAdvance(Runnable action) {
    this.onAdvance = action;
  }
}
