package dev.arbiter.service.content;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceEvent;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts the triage process for stored cases. A case whose start failed (engine down, crash after the
 * insert) stays 'received' and is started by the sweep; the row lock keeps replicas from starting it twice.
 */
@Service
public class StartingTriage {

  public static final String PROCESS_ID = "triage";
  private static final Logger log = LoggerFactory.getLogger(StartingTriage.class);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final Cases cases;
  private final CamundaClient camunda;
  private final TransactionTemplate transaction;

  public StartingTriage(Cases cases, CamundaClient camunda, TransactionTemplate transaction) {
    this.cases = cases;
    this.camunda = camunda;
    this.transaction = transaction;
  }

  /** Starts triage for the case if nobody has; false when the engine could not be reached. */
  public boolean tryStart(UUID caseId) {
    try {
      return Boolean.TRUE.equals(transaction.execute(status -> startLocked(caseId)));
    } catch (RuntimeException e) {
      log.warn("Triage of case {} not started yet, will retry: {}", caseId, e.getMessage());
      return false;
    }
  }

  @Scheduled(fixedDelayString = "${arbiter.triage.start-retry-interval:PT5S}")
  public void startWaitingCases() {
    for (UUID caseId : cases.awaitingTriage(100)) {
      if (!tryStart(caseId)) {
        return;
      }
    }
  }

  private boolean startLocked(UUID caseId) {
    Optional<Cases.StoredCase> locked = cases.lockIfReceived(caseId);
    if (locked.isEmpty()) {
      return true;
    }
    Cases.StoredCase stored = locked.get();
    ProcessInstanceEvent instance =
        camunda
            .newCreateInstanceCommand()
            .bpmnProcessId(PROCESS_ID)
            .latestVersion()
            .variables(
                Map.of(
                    "caseId", caseId.toString(),
                    "platformId", stored.platformId(),
                    "surface", stored.surface(),
                    "reporterType", stored.reporterType()))
            .requestTimeout(REQUEST_TIMEOUT)
            .send()
            .join();
    cases.markTriaging(caseId, instance.getProcessInstanceKey());
    return true;
  }
}
