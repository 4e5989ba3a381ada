package dev.arbiter.service.review;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.policy.taxonomy.ReasonCode;
import dev.arbiter.service.decision.Decision;
import dev.arbiter.service.queue.QueueItem;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a reviewer sees of the case behind a queue item. On a blind-audit item, signals, highlights and the
 * automatic decision are null or empty for everyone but auditors, so the reviewer decides unprompted.
 */
public record CaseView(
    QueueItem item,
    @JsonProperty("case") CaseSummary caseSummary,
    List<Part> parts,
    List<Highlight> highlights,
    Signals signals,
    Decision automaticDecision,
    List<HistoryEntry> history,
    List<ReasonCode> reasonCodes) {

  public record CaseSummary(
      UUID id, String platformId, String externalId, String surface, String locale, String language,
      String reporterType, Instant submittedAt, List<String> flags) {}

  /** One part of the content: its text (submitted or extracted), Tika's metadata, and where its media is. */
  public record Part(
      int position, String kind, String mediaType, String fileName, long sizeBytes, String text, JsonNode metadata,
      String mediaUrl) {}

  /** A classifier match in a part's text, as character offsets into {@link Part#text()}. */
  public record Highlight(int part, int start, int end, String label) {}

  public record Signals(String language, Map<String, Double> scores, JsonNode flags, Map<String, String> modelVersions) {}

  /** Something that happened to the case: a decision, an item entering a queue, an escalation. */
  public record HistoryEntry(
      Instant at, String event, String actorType, String actor, String action, String reasonCode, String note, String queue) {}

  public CaseView {
    parts = List.copyOf(parts);
    highlights = List.copyOf(highlights);
    history = List.copyOf(history);
    reasonCodes = List.copyOf(reasonCodes);
  }
}
