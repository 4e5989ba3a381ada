package dev.arbiter.service.health;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.Topology;
import java.time.Duration;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/** Reports the Camunda 8 gateway (or the local engine) as seen through the real client. */
@Component("workflowEngine")
public class WorkflowEngineHealthIndicator extends AbstractHealthIndicator {

  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  private final CamundaClient client;

  public WorkflowEngineHealthIndicator(CamundaClient client) {
    super("Workflow engine unreachable");
    this.client = client;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    Topology topology = client.newTopologyRequest().requestTimeout(TIMEOUT).send().join();
    builder
        .up()
        .withDetail("gatewayVersion", topology.getGatewayVersion())
        .withDetail("brokers", topology.getBrokers().size())
        .withDetail("partitions", topology.getPartitionsCount());
  }
}
