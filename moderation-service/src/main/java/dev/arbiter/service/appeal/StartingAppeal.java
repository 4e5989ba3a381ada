package dev.arbiter.service.appeal;

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
 * Starts the appeal process for stored appeals. An appeal whose start failed (engine down) keeps no
 * process key and is started by the sweep; the row lock keeps replicas from starting it twice.
 */
@Service
public class StartingAppeal {

  public static final String PROCESS_ID = "appeal";
  private static final Logger log = LoggerFactory.getLogger(StartingAppeal.class);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final Appeals appeals;
  private final CamundaClient camunda;
  private final TransactionTemplate transaction;
  private final AppealProperties properties;

  public StartingAppeal(Appeals appeals, CamundaClient camunda, TransactionTemplate transaction, AppealProperties properties) {
    this.appeals = appeals;
    this.camunda = camunda;
    this.transaction = transaction;
    this.properties = properties;
  }

  /** Starts the process for the appeal if nobody has; false when the engine could not be reached. */
  public boolean tryStart(UUID appealId) {
    try {
      return Boolean.TRUE.equals(transaction.execute(status -> startLocked(appealId)));
    } catch (RuntimeException e) {
      log.warn("Process of appeal {} not started yet, will retry: {}", appealId, e.getMessage());
      return false;
    }
  }

  @Scheduled(fixedDelayString = "${arbiter.appeals.start-retry-interval:PT5S}")
  public void startWaitingAppeals() {
    for (UUID appealId : appeals.awaitingProcess(100)) {
      if (!tryStart(appealId)) {
        return;
      }
    }
  }

  private boolean startLocked(UUID appealId) {
    Optional<Appeal> locked = appeals.lockIfNotStarted(appealId);
    if (locked.isEmpty()) {
      return true;
    }
    Appeal appeal = locked.get();
    ProcessInstanceEvent instance =
        camunda
            .newCreateInstanceCommand()
            .bpmnProcessId(PROCESS_ID)
            .latestVersion()
            .variables(
                Map.of(
                    "appealId", appeal.id().toString(),
                    "decisionId", appeal.decisionId().toString(),
                    "caseId", appeal.caseId().toString(),
                    "appealSla", properties.sla().toVariable()))
            .requestTimeout(REQUEST_TIMEOUT)
            .send()
            .join();
    appeals.markStarted(appealId, instance.getProcessInstanceKey());
    return true;
  }
}
