package dev.arbiter.localengine;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Throughput and latency of start -> 3 service tasks -> end through the real client: a benchmark
 * command, not a test. Arguments: [seconds] [handler threads] [instances in flight] [memory|disk];
 * {@code -Dbench.workers=stream} switches the workers from long polling to job streaming.
 */
public final class EngineBenchmark {

  private EngineBenchmark() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    int inFlight = args.length > 2 ? Integer.parseInt(args[2]) : 128;
    boolean disk = args.length <= 3 || !args[3].equals("memory");
    Path data = disk ? Files.createTempDirectory("local-engine-bench") : null;
    // The client's default is long polling; -Dbench.workers=stream measures job streaming instead.
    boolean streaming = "stream".equals(System.getProperty("bench.workers"));

    BpmnModelInstance model = Bpmn.createExecutableProcess("bench").startEvent()
        .serviceTask("one", t -> t.zeebeJobType("bench-one"))
        .serviceTask("two", t -> t.zeebeJobType("bench-two"))
        .serviceTask("three", t -> t.zeebeJobType("bench-three"))
        .endEvent().done();

    try (LocalEngine engine = LocalEngine.start(new LocalEngineConfig(0, data));
        CamundaClient client = CamundaClient.newClientBuilder().grpcAddress(engine.grpcAddress())
            .preferRestOverGrpc(false).numJobWorkerExecutionThreads(threads)
            .defaultRequestTimeout(Duration.ofSeconds(30)).build()) {
      client.newDeployResourceCommand().addProcessModel(model, "bench.bpmn").send().join();
      List<JobWorker> workers = new ArrayList<>();
      for (String type : List.of("bench-one", "bench-two", "bench-three")) {
        workers.add(client.newWorker().jobType(type)
            .handler((c, job) -> c.newCompleteCommand(job).send())
            .maxJobsActive(inFlight).streamEnabled(streaming).pollInterval(Duration.ofMillis(100)).open());
      }

      run(client, inFlight, Duration.ofSeconds(5), new ConcurrentLinkedQueue<>());
      ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
      long started = System.nanoTime();
      long completed = run(client, inFlight, Duration.ofSeconds(seconds), latencies);
      double elapsed = (System.nanoTime() - started) / 1e9;

      long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
      System.out.printf("local-engine benchmark: start -> 3 service tasks -> end, %s journal, %s workers, %d handler threads, %d instances in flight, %d cores%n",
          disk ? "fsync'd disk" : "in-memory", streaming ? "streaming" : "polling", threads, inFlight,
          Runtime.getRuntime().availableProcessors());
      System.out.printf("completed %d instances in %.1f s: %.0f instances/s%n", completed, elapsed, completed / elapsed);
      System.out.printf("create-to-end latency: p50 %.1f ms, p99 %.1f ms%n",
          percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.99) / 1e6);
      workers.forEach(JobWorker::close);
    }
  }

  private static long run(CamundaClient client, int inFlight, Duration duration, ConcurrentLinkedQueue<Long> latencies)
      throws InterruptedException {
    Semaphore slots = new Semaphore(inFlight);
    AtomicLong completed = new AtomicLong();
    long end = System.nanoTime() + duration.toNanos();
    while (System.nanoTime() < end) {
      slots.acquire();
      long created = System.nanoTime();
      client.newCreateInstanceCommand().bpmnProcessId("bench").latestVersion().variables(Map.of("n", 1))
          .withResult().requestTimeout(Duration.ofSeconds(30)).send().toCompletableFuture()
          .whenComplete((result, failure) -> {
            if (failure == null) {
              latencies.add(System.nanoTime() - created);
              completed.incrementAndGet();
            } else {
              System.err.println("instance failed: " + failure);
            }
            slots.release();
          });
    }
    slots.acquire(inFlight);
    return completed.get();
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }
}
