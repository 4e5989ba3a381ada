package dev.arbiter.service.policy;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of policy change control ({@code arbiter.policy.*}).
 *
 * @param systemActor the name change-log entries carry for steps the service takes itself (initial version, expiry)
 * @param engineTimeout how long a call to the workflow engine may take before the API answers 503
 * @param backtest the sample of past cases a draft is replayed on
 */
@Validated
@ConfigurationProperties("arbiter.policy")
public record PolicyProperties(@NotBlank String systemActor, @NotNull Duration engineTimeout, @Valid @NotNull Backtest backtest) {

  /** @param sampleSize the most recent decided cases a backtest replays */
  public record Backtest(@Min(1) int sampleSize) {}
}
