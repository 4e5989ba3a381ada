package dev.arbiter.service.triage;

import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;

@Component
class RandomBlindAuditDraw implements SamplingBlindAudit.BlindAuditDraw {

  @Override
  public double getAsDouble() {
    return ThreadLocalRandom.current().nextDouble();
  }
}
