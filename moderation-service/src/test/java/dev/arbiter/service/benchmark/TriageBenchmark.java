package dev.arbiter.service.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.localengine.LocalEngine;
import dev.arbiter.localengine.LocalEngineConfig;
import dev.arbiter.service.audit.AuditIndex;
import dev.arbiter.service.queue.NewQueueItem;
import dev.arbiter.service.queue.QueueItem;
import dev.arbiter.service.queue.ReviewQueues;
import dev.arbiter.service.security.LocalTokens;
import dev.arbiter.service.security.Roles;
import dev.arbiter.service.security.ServiceWithLocalTokens;
import dev.arbiter.service.support.LocalPart;
import dev.arbiter.service.support.TrainedClassifiers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The figures of moderation-service/bin/benchmark, on the local stack: end-to-end triage throughput of text
 * items (HTTP submit to audit document in Elasticsearch) and claim-next latency with 50 concurrent moderators.
 * It prints figures and asserts nothing about speed; it only runs when arbiter.benchmark=true.
 */
@DirtiesContext
@ServiceWithLocalTokens
@EnabledIfSystemProperty(named = "arbiter.benchmark", matches = "true")
class TriageBenchmark {

  private static final LocalEngine ENGINE = LocalEngine.start(LocalEngineConfig.inMemory());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ITEMS = Integer.getInteger("arbiter.benchmark.items", 600);
  private static final int SUBMITTERS = 8;
  private static final int MODERATORS = 50;
  private static final int CLAIMS_PER_MODERATOR = Integer.getInteger("arbiter.benchmark.claims", 100);
  private static final String SPAM =
      "CONGRATULATIONS!!! You have been selected to receive a FREE cash prize of $1,000,000. Click here now to claim "
          + "your reward at http://bit.ly/claim-prize before midnight. This offer expires in 24 hours, act now. ";

  @DynamicPropertySource
  static void localStack(DynamicPropertyRegistry registry) {
    registry.add("camunda.client.grpc-address", () -> ENGINE.grpcAddress().toString());
    registry.add("arbiter.classifiers.config", TrainedClassifiers::registryFile);
    registry.add("camunda.client.execution-threads", () -> "8");
    registry.add("camunda.client.worker.defaults.max-jobs-active", () -> "64");
  }

  @AfterAll
  static void stop() {
    ENGINE.close();
  }

  @LocalServerPort int port;
  @Autowired ReviewQueues queues;
  @Autowired JdbcClient jdbc;
  @Autowired AuditIndex audit;

  private final HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(MODERATORS)).build();
  private final List<String> report = new ArrayList<>();

  @Test
  void printsTriageThroughputAndClaimLatency() throws Exception {
    say("machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
        + ", " + System.getProperty("os.name") + "; Elasticsearch " + LocalPart.ELASTICSEARCH.url() + ", PostgreSQL "
        + LocalPart.POSTGRES.url() + ", local engine in-memory, in-process");
    say("load average before: " + loadAverage());
    triage("warm-up", 60);
    triage("measured", ITEMS);
    claimNext();
    say("load average after: " + loadAverage());
    Path out = Path.of("target", "benchmark-triage.txt");
    Files.write(out, report);
    say("figures written to " + out.toAbsolutePath());
  }

  private void triage(String label, int items) throws Exception {
    String run = "bench-" + UUID.randomUUID();
    String token = LocalTokens.trusted().token("service-account-platform-demo").realmRoles(Roles.PLATFORM).platformId("demo").sign();
    Map<String, Instant> submitted = new ConcurrentHashMap<>();
    ExecutorService submitters = Executors.newFixedThreadPool(SUBMITTERS);
    Instant start = Instant.now();
    List<Future<?>> sends = new ArrayList<>();
    for (int i = 0; i < items; i++) {
      String externalId = run + "-" + i;
      String text = i % 2 == 0 ? SPAM + i : "Lovely weather at the lake today, photo " + i + " of our trip with the kids and the dog";
      sends.add(submitters.submit(() -> {
        String body = JSON.writeValueAsString(Map.of("externalId", externalId, "authorId", "author-" + externalId,
            "surface", "public_post", "locale", "en", "text", text));
        submitted.put("demo/" + externalId, Instant.now());
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/content"))
            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
          throw new IllegalStateException("submit answered " + response.statusCode() + ": " + response.body());
        }
        return null;
      }));
    }
    for (Future<?> send : sends) {
      send.get(5, TimeUnit.MINUTES);
    }
    submitters.shutdown();
    Instant allSubmitted = Instant.now();
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    List<JsonNode> documents = List.of();
    while (System.nanoTime() < deadline) {
      documents = decisionDocuments(run);
      if (documents.size() >= items) {
        break;
      }
      Thread.sleep(250);
    }
    Instant done = Instant.now();
    if (documents.size() < items) {
      throw new IllegalStateException(label + ": only " + documents.size() + " of " + items + " audited after 10 minutes");
    }
    List<Long> latencies = new ArrayList<>();
    for (JsonNode document : documents) {
      Instant recorded = Instant.parse(document.get("recordedAt").asText());
      latencies.add(Duration.between(submitted.get(document.get("contentRef").asText()), recorded).toMillis());
    }
    Collections.sort(latencies);
    double seconds = Duration.between(start, done).toMillis() / 1000.0;
    say("%s triage: %d text items (half spam, half clean) submitted by %d HTTP clients in %.1f s; all audited after %.1f s"
        .formatted(label, items, SUBMITTERS, Duration.between(start, allSubmitted).toMillis() / 1000.0, seconds));
    say("%s triage: %.1f items/s submit→audit document; per item p50 %d ms, p99 %d ms, max %d ms"
        .formatted(label, items / seconds, percentile(latencies, 50), percentile(latencies, 99), latencies.get(latencies.size() - 1)));
  }

  private List<JsonNode> decisionDocuments(String run) throws Exception {
    String es = LocalPart.ELASTICSEARCH.url();
    http.send(HttpRequest.newBuilder(URI.create(es + "/" + audit.name() + "/_refresh")).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.discarding());
    String query = "{\"size\":10000,\"_source\":[\"contentRef\",\"recordedAt\"],\"query\":{\"bool\":{\"filter\":["
        + "{\"prefix\":{\"contentRef\":\"demo/" + run + "-\"}},{\"term\":{\"kind\":\"DECISION\"}}]}}}";
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(es + "/" + audit.name() + "/_search"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(query)).build(),
        HttpResponse.BodyHandlers.ofString());
    List<JsonNode> documents = new ArrayList<>();
    JSON.readTree(response.body()).at("/hits/hits").forEach(hit -> documents.add(hit.get("_source")));
    return documents;
  }

  private void claimNext() throws Exception {
    String queue = "bench-" + Long.toHexString(System.nanoTime());
    UUID caseId = UUID.randomUUID();
    jdbc.sql("""
        insert into cases (id, platform_id, external_id, author_id, surface, status)
        values (:id, 'demo', :external, 'bench-author', 'public_post', 'triaging')
        """).param("id", caseId).param("external", "claim-" + caseId).update();
    int items = MODERATORS * CLAIMS_PER_MODERATOR;
    for (int i = 0; i < items; i++) {
      queues.enqueue(new NewQueueItem(caseId, queue, QueueItem.Kind.REVIEW, "en", 1 + i % 5, null, List.of(), false));
    }
    List<String> tokens = new ArrayList<>();
    for (int m = 0; m < MODERATORS; m++) {
      tokens.add(LocalTokens.trusted().token("bench-moderator-" + m).subject(UUID.randomUUID().toString())
          .realmRoles(Roles.MODERATOR).groups("/queues/" + queue, "/languages/en").sign());
    }
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    Set<String> claimed = ConcurrentHashMap.newKeySet();
    ExecutorService moderators = Executors.newFixedThreadPool(MODERATORS);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Integer>> runs = new ArrayList<>();
    for (String token : tokens) {
      runs.add(moderators.submit(() -> {
        go.await();
        int duplicates = 0;
        for (int c = 0; c < CLAIMS_PER_MODERATOR; c++) {
          long begin = System.nanoTime();
          HttpResponse<String> response = http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/queues/" + queue + "/claim-next"))
                  .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
              HttpResponse.BodyHandlers.ofString());
          latencies.add((System.nanoTime() - begin) / 1_000);
          if (response.statusCode() != 200) {
            throw new IllegalStateException("claim-next answered " + response.statusCode() + ": " + response.body());
          }
          if (!claimed.add(JSON.readTree(response.body()).get("id").asText())) {
            duplicates++;
          }
        }
        return duplicates;
      }));
    }
    long begin = System.nanoTime();
    go.countDown();
    int duplicates = 0;
    for (Future<Integer> run : runs) {
      duplicates += run.get(10, TimeUnit.MINUTES);
    }
    double seconds = (System.nanoTime() - begin) / 1e9;
    moderators.shutdown();
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    say("claim-next: %d moderators × %d claims over HTTP (JWT checked, queue of %d items): %.0f claims/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms; %d duplicate claims"
        .formatted(MODERATORS, CLAIMS_PER_MODERATOR, items, items / seconds, percentile(sorted, 50) / 1000.0,
            percentile(sorted, 99) / 1000.0, sorted.get(sorted.size() - 1) / 1000.0, duplicates));
    if (duplicates > 0) {
      throw new IllegalStateException(duplicates + " items were claimed twice");
    }
  }

  /** Other work on the machine skews the figures; the report says how busy it was. */
  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (java.io.IOException unavailable) {
      return "unknown";
    }
  }

  private static long percentile(List<Long> sorted, int percentile) {
    int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
  }

  private void say(String line) {
    report.add(line);
    System.out.println("[benchmark] " + line);
  }
}
