package dev.arbiter.service.triage;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.CamundaError;
import io.camunda.client.exception.JobError;
import java.time.Duration;

/**
 * Fails a job that depends on something outside (a platform, Elasticsearch) with exponential back-off,
 * 2 s doubling up to 5 minutes, so an outage of an hour or more is waited out before an incident.
 */
public final class RetryLater {

  static final Duration FIRST = Duration.ofSeconds(2);
  static final Duration LONGEST = Duration.ofMinutes(5);
  private static final int ASSUMED_INITIAL_RETRIES = 20;

  private RetryLater() {}

  public static JobError of(ActivatedJob job, RuntimeException cause) {
    int remaining = Math.max(job.getRetries() - 1, 0);
    return CamundaError.jobError(
        job.getType() + " failed: " + cause.getMessage(), null, remaining, backoff(job.getRetries()), cause);
  }

  /** 2 s after the first failure, doubling with each further one, at most 5 minutes. */
  static Duration backoff(int retriesLeft) {
    int failuresSoFar = Math.max(0, ASSUMED_INITIAL_RETRIES - retriesLeft);
    Duration backoff = FIRST.multipliedBy(1L << Math.min(failuresSoFar, 16));
    return backoff.compareTo(LONGEST) > 0 ? LONGEST : backoff;
  }
}
