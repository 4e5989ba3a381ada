package dev.arbiter.service.queue;

import java.time.Instant;

/** How much work a queue holds; oldestWaitingSince is null when nothing waits. */
public record QueueCounts(String queue, long open, long leased, long decided, Instant oldestWaitingSince) {}
