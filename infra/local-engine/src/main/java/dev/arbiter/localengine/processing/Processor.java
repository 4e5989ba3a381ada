package dev.arbiter.localengine.processing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.localengine.EngineClock;
import dev.arbiter.localengine.feel.Feel;
import dev.arbiter.localengine.feel.Values;
import dev.arbiter.localengine.journal.Command;
import dev.arbiter.localengine.journal.Journal;
import dev.arbiter.localengine.state.EngineState;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivateJobsResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivatedJob;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CreateProcessInstanceResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CreateProcessInstanceWithResultResponse;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single thread that owns the engine state, like Zeebe's stream processor. Commands queue up;
 * each batch is applied, journaled and fsync'd once (group commit), and only then are responses
 * sent and jobs pushed to workers.
 */
public final class Processor implements AutoCloseable, Engine.Listener {

  private static final Logger LOG = LoggerFactory.getLogger(Processor.class);
  private static final int MAX_BATCH = 512;
  private static final long SNAPSHOT_EVERY = 50_000;
  private static final int STREAM_BATCH = 32;

  private record CommandTask(Command command, CompletableFuture<Object> result, List<String> fetchVariables) {}

  private record ControlTask(Runnable action, CompletableFuture<Void> done) {}

  /** A long-polling ActivateJobs request waiting for jobs. */
  public static final class JobPoll {
    final String type;
    final String worker;
    final long timeout;
    final int max;
    final List<String> fetchVariables;
    final ServerCallStreamObserver<ActivateJobsResponse> observer;
    ScheduledFuture<?> expiry;
    boolean done;

    public JobPoll(String type, String worker, long timeout, int max, List<String> fetchVariables,
        ServerCallStreamObserver<ActivateJobsResponse> observer) {
      this.type = type;
      this.worker = worker;
      this.timeout = timeout;
      this.max = max;
      this.fetchVariables = fetchVariables;
      this.observer = observer;
    }
  }

  /** An open StreamActivatedJobs call: jobs are pushed to it as they are created. */
  public record JobStream(String type, String worker, long timeout, List<String> fetchVariables,
      ServerCallStreamObserver<ActivatedJob> observer) {}

  private record ResultWaiter(List<String> fetchVariables, CompletableFuture<Object> result,
      CreateProcessInstanceResponse created) {}

  private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final EngineClock clock;
  private final Journal journal;
  private final ObjectMapper json = Values.JSON;
  private final Engine engine;
  private final Thread thread;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "local-engine-poll-timeouts");
    t.setDaemon(true);
    return t;
  });
  private final List<Runnable> effects = new ArrayList<>();
  private final Set<String> typesToDispatch = new LinkedHashSet<>();
  private final Map<String, ArrayDeque<JobPoll>> polls = new HashMap<>();
  private final Map<String, List<JobStream>> streams = new HashMap<>();
  private final Map<String, Integer> streamCursor = new HashMap<>();
  private final Map<Long, ResultWaiter> waiters = new HashMap<>();
  private final Map<Long, ObjectNode> endedInCommand = new HashMap<>();
  private boolean replaying;
  private volatile boolean running = true;

  public Processor(EngineClock clock, Path dataDirectory) {
    this.clock = clock;
    AtomicReference<Engine> self = new AtomicReference<>();
    Feel feel = new Feel(() -> Instant.ofEpochMilli(self.get() == null ? clock.millis() : self.get().now()));
    EngineState state = new EngineState();
    if (dataDirectory != null) {
      this.journal = new Journal(dataDirectory, json);
      List<Journal.Entry> entries = new ArrayList<>();
      JsonNode snapshot = journal.recover(entries::add);
      if (snapshot != null) {
        state = json.convertValue(snapshot, EngineState.class);
      }
      this.engine = new Engine(state, feel, this);
      self.set(engine);
      replaying = true;
      for (Journal.Entry entry : entries) {
        try {
          engine.apply(entry.command(), entry.time());
        } catch (RuntimeException e) {
          // The same failure happened when the command was first processed; replay stays faithful.
          LOG.debug("Replayed command failed as it did originally: {}", e.getMessage());
        }
      }
      replaying = false;
      LOG.info("Recovered {} instances, {} jobs, {} timers, {} buffered messages from {} ({} journal entries replayed)",
          state.instances.size(), state.jobs.size(), state.timers.size(), state.messages.size(), dataDirectory, entries.size());
      typesToDispatch.addAll(state.jobs.values().stream().map(j -> j.type).toList());
    } else {
      this.journal = null;
      this.engine = new Engine(state, feel, this);
      self.set(engine);
    }
    this.thread = new Thread(this::run, "local-engine-processor");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  // ---------------------------------------------------------------- API for the gateway

  public CompletableFuture<Object> submit(Command command) {
    CompletableFuture<Object> result = new CompletableFuture<>();
    enqueue(new CommandTask(command, result, null));
    return result;
  }

  /** Creates an instance and completes the future with the result once the instance has completed. */
  public CompletableFuture<Object> submitWithResult(Command.CreateInstance command, List<String> fetchVariables) {
    CompletableFuture<Object> result = new CompletableFuture<>();
    enqueue(new CommandTask(command, result, fetchVariables == null ? List.of() : fetchVariables));
    // A caller that gave up (deadline, cancel) must not leave its waiter behind.
    result.whenComplete((response, failure) -> {
      if (result.isCancelled() && running) {
        control(() -> waiters.values().removeIf(waiter -> waiter.result() == result));
      }
    });
    return result;
  }

  /** Runs an action on the processing thread; the future completes once its effects are out. */
  public CompletableFuture<Void> control(Runnable action) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    enqueue(new ControlTask(action, done));
    return done;
  }

  public void addPoll(JobPoll poll, long requestTimeoutMillis) {
    control(() -> {
      polls.computeIfAbsent(poll.type, t -> new ArrayDeque<>()).add(poll);
      typesToDispatch.add(poll.type);
      dispatch();
      if (!poll.done) {
        if (requestTimeoutMillis < 0) {
          finishPoll(poll, List.of());
        } else {
          poll.expiry = scheduler.schedule(() -> control(() -> finishPoll(poll, List.of())),
              requestTimeoutMillis, TimeUnit.MILLISECONDS);
        }
      }
    });
  }

  public void addStream(JobStream stream) {
    control(() -> {
      streams.computeIfAbsent(stream.type(), t -> new ArrayList<>()).add(stream);
      typesToDispatch.add(stream.type());
    });
  }

  public void removeStream(JobStream stream) {
    control(() -> {
      List<JobStream> list = streams.get(stream.type());
      if (list != null) list.remove(stream);
    });
  }

  public void removePoll(JobPoll poll) {
    control(() -> {
      poll.done = true;
      ArrayDeque<JobPoll> waiting = polls.get(poll.type);
      if (waiting != null) waiting.remove(poll);
    });
  }

  /** Reads the state on the processing thread, so the answer is consistent. */
  public <T> T inspect(java.util.function.Function<EngineState, T> reader) {
    AtomicReference<T> answer = new AtomicReference<>();
    control(() -> answer.set(reader.apply(engine.state()))).join();
    return answer.get();
  }

  public int openJobStreams() {
    AtomicReference<Integer> count = new AtomicReference<>();
    control(() -> count.set(streams.values().stream().mapToInt(List::size).sum())).join();
    return count.get();
  }

  /** Fires whatever became due after the clock moved; returns when it has been processed. */
  public void tick() {
    control(() -> {}).join();
  }

  // ---------------------------------------------------------------- the loop

  private void enqueue(Object task) {
    if (!running) {
      throw new IllegalStateException("The local engine is closed");
    }
    queue.add(task);
  }

  private void run() {
    List<Object> batch = new ArrayList<>(MAX_BATCH);
    while (running) {
      try {
        Object first = queue.poll(waitMillis(), TimeUnit.MILLISECONDS);
        if (first != null) {
          batch.add(first);
          queue.drainTo(batch, MAX_BATCH - 1);
        }
        for (Object task : batch) {
          handle(task);
        }
        batch.clear();
        processDue();
        dispatch();
        if (journal != null) {
          journal.sync();
        }
        runEffects();
        if (journal != null && journal.appendedSinceSnapshot() >= SNAPSHOT_EVERY) {
          journal.snapshot(json.valueToTree(engine.state()));
        }
        if (!running) {
          shutdown();
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.error("Local engine processing failed", e);
        effects.clear();
      }
    }
  }

  private long waitMillis() {
    long next = engine.nextDueTime();
    if (next < 0) {
      return 1000;
    }
    return Math.max(0, Math.min(1000, next - clock.millis()));
  }

  private void handle(Object task) {
    if (task instanceof ControlTask control) {
      control.action().run();
      effects.add(() -> control.done().complete(null));
      return;
    }
    CommandTask command = (CommandTask) task;
    long time = clock.millis();
    endedInCommand.clear();
    try {
      Object response = engine.apply(command.command(), time);
      append(time, command.command());
      if (command.fetchVariables() != null) {
        awaitResult((CreateProcessInstanceResponse) response, command);
      } else {
        effects.add(() -> command.result().complete(response));
      }
    } catch (Rejection rejection) {
      effects.add(() -> command.result().completeExceptionally(rejection));
    } catch (RuntimeException e) {
      append(time, command.command());
      LOG.error("Command {} failed", command.command().getClass().getSimpleName(), e);
      effects.add(() -> command.result().completeExceptionally(e));
    }
  }

  private void awaitResult(CreateProcessInstanceResponse created, CommandTask command) {
    ResultWaiter waiter = new ResultWaiter(command.fetchVariables(), command.result(), created);
    if (endedInCommand.containsKey(created.getProcessInstanceKey())) {
      answer(waiter, endedInCommand.get(created.getProcessInstanceKey()));
    } else {
      waiters.put(created.getProcessInstanceKey(), waiter);
    }
  }

  private void answer(ResultWaiter waiter, ObjectNode variables) {
    if (variables == null) {
      effects.add(() -> waiter.result().completeExceptionally(Status.ABORTED
          .withDescription("Process instance '" + waiter.created().getProcessInstanceKey() + "' was terminated")
          .asRuntimeException()));
      return;
    }
    CreateProcessInstanceResponse created = waiter.created();
    CreateProcessInstanceWithResultResponse response = CreateProcessInstanceWithResultResponse.newBuilder()
        .setProcessDefinitionKey(created.getProcessDefinitionKey()).setBpmnProcessId(created.getBpmnProcessId())
        .setVersion(created.getVersion()).setProcessInstanceKey(created.getProcessInstanceKey())
        .setTenantId(created.getTenantId())
        .setVariables(Values.write(Values.select(variables, waiter.fetchVariables()))).build();
    effects.add(() -> waiter.result().complete(response));
  }

  private Object applyInternal(Command command) {
    long time = clock.millis();
    Object response = engine.apply(command, time);
    append(time, command);
    return response;
  }

  private void append(long time, Command command) {
    if (journal != null) {
      journal.append(new Journal.Entry(time, command));
    }
  }

  private void processDue() {
    for (int round = 0; round < 16; round++) {
      List<Command> due = engine.takeDue(clock.millis());
      if (due.isEmpty()) {
        return;
      }
      for (Command command : due) {
        try {
          applyInternal(command);
        } catch (RuntimeException e) {
          LOG.error("Scheduled command {} failed", command, e);
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private void dispatch() {
    for (String type : typesToDispatch) {
      while (true) {
        ArrayDeque<JobPoll> waiting = polls.get(type);
        JobPoll poll = waiting == null ? null : waiting.peek();
        if (poll != null) {
          List<Long> keys = engine.peekActivatable(type, poll.max);
          if (keys.isEmpty()) break;
          List<Long> activated = (List<Long>) applyInternal(new Command.ActivateJobs(keys, poll.worker, poll.timeout));
          List<ActivatedJob> jobs = activated.stream().map(k -> engine.toActivatedJob(k, poll.fetchVariables)).toList();
          finishPoll(poll, jobs);
          continue;
        }
        List<JobStream> open = streams.get(type);
        if (open == null || open.isEmpty()) break;
        List<Long> keys = engine.peekActivatable(type, STREAM_BATCH * open.size());
        if (keys.isEmpty()) break;
        // Deal the jobs round robin over the streams, one journal record per stream.
        Map<JobStream, List<Long>> dealt = new java.util.LinkedHashMap<>();
        for (Long key : keys) {
          int cursor = Math.floorMod(streamCursor.merge(type, 1, Integer::sum), open.size());
          dealt.computeIfAbsent(open.get(cursor), s -> new ArrayList<>()).add(key);
        }
        dealt.forEach((stream, share) -> {
          List<Long> activated = (List<Long>) applyInternal(new Command.ActivateJobs(share, stream.worker(), stream.timeout()));
          for (Long key : activated) {
            ActivatedJob job = engine.toActivatedJob(key, stream.fetchVariables());
            effects.add(() -> push(stream, job));
          }
        });
      }
    }
    typesToDispatch.clear();
  }

  private void push(JobStream stream, ActivatedJob job) {
    try {
      if (stream.observer().isCancelled()) {
        throw new IllegalStateException("stream closed");
      }
      stream.observer().onNext(job);
    } catch (RuntimeException e) {
      removeStreamNow(stream);
      enqueue(new CommandTask(new Command.YieldJobs(List.of(job.getKey())), new CompletableFuture<>(), null));
    }
  }

  private void removeStreamNow(JobStream stream) {
    List<JobStream> list = streams.get(stream.type());
    if (list != null) list.remove(stream);
  }

  private void finishPoll(JobPoll poll, List<ActivatedJob> jobs) {
    if (poll.done) {
      return;
    }
    poll.done = true;
    ArrayDeque<JobPoll> waiting = polls.get(poll.type);
    if (waiting != null) waiting.remove(poll);
    if (poll.expiry != null) poll.expiry.cancel(false);
    effects.add(() -> {
      try {
        if (!jobs.isEmpty()) {
          poll.observer.onNext(ActivateJobsResponse.newBuilder().addAllJobs(jobs).build());
        }
        poll.observer.onCompleted();
      } catch (RuntimeException e) {
        if (!jobs.isEmpty()) {
          enqueue(new CommandTask(new Command.YieldJobs(jobs.stream().map(ActivatedJob::getKey).toList()),
              new CompletableFuture<>(), null));
        }
      }
    });
  }

  private void runEffects() {
    for (Iterator<Runnable> it = effects.iterator(); it.hasNext(); ) {
      Runnable effect = it.next();
      it.remove();
      try {
        effect.run();
      } catch (RuntimeException e) {
        LOG.warn("Could not deliver a response", e);
      }
    }
  }

  // ---------------------------------------------------------------- engine callbacks

  @Override
  public void jobsAvailable(String type) {
    if (!replaying) {
      typesToDispatch.add(type);
    }
  }

  @Override
  public void processEnded(long processInstanceKey, ObjectNode variables, boolean completed) {
    if (replaying) {
      return;
    }
    ObjectNode result = completed ? variables.deepCopy() : null;
    endedInCommand.put(processInstanceKey, result);
    ResultWaiter waiter = waiters.remove(processInstanceKey);
    if (waiter != null) {
      answer(waiter, result);
    }
  }

  private void shutdown() {
    if (journal != null) {
      journal.snapshot(json.valueToTree(engine.state()));
      journal.close();
    }
    polls.values().forEach(waiting -> waiting.forEach(p -> quietly(p.observer::onCompleted)));
    streams.values().forEach(open -> open.forEach(s -> quietly(s.observer()::onCompleted)));
  }

  private static void quietly(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException ignored) {
      // The client went away already.
    }
  }

  @Override
  public void close() {
    CompletableFuture<Void> stopped = new CompletableFuture<>();
    if (!running) {
      return;
    }
    enqueue(new ControlTask(() -> running = false, stopped));
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    scheduler.shutdownNow();
  }
}
