package dev.arbiter.service.statement;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.json.JsonData;
import dev.arbiter.service.audit.AuditIndex;
import dev.arbiter.service.audit.AuditRecord;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * The appeals part of the transparency report (DSA Art. 15(1)(d), 24(1)(a)): how many appeals were filed
 * and decided in a period, how many decisions were reversed, and how long deciding took, overall and by
 * category, aggregated in Elasticsearch from the audit index (filing and outcome records of appeals).
 */
@Service
public class TransparencyReports {

  private static final List<String> DECIDED = List.of("upheld", "overturned");

  private final ElasticsearchClient client;
  private final AuditIndex audit;

  public TransparencyReports(ElasticsearchClient client, AuditIndex audit) {
    this.client = client;
    this.audit = audit;
  }

  public record Counts(long filed, long decided, long overturned, long upheld, long ineligible, Double medianHoursToDecide, Double overturnRate) {}

  public record CategoryCounts(String category, long filed, long decided, long overturned, Double medianHoursToDecide) {}

  public record Report(Instant from, Instant to, Counts appeals, List<CategoryCounts> byCategory) {}

  public Report appeals(Instant from, Instant to) throws IOException {
    Query period =
        Query.of(q -> q.bool(b -> b
            .filter(f -> f.terms(t -> t.field("kind").terms(v -> v.value(List.of(
                FieldValue.of(AuditRecord.Kind.APPEAL_FILED.name()), FieldValue.of(AuditRecord.Kind.APPEAL_DECISION.name()))))))
            .filter(f -> f.range(r -> r.untyped(u -> u.field("decidedAt").gte(JsonData.of(from.toString())).lt(JsonData.of(to.toString())))))));
    Map<String, Aggregation> counts = counts();
    SearchResponse<Void> response =
        client.search(
            s -> s.index(audit.name())
                .ignoreUnavailable(true)
                .size(0)
                .query(period)
                .aggregations(counts)
                .aggregations("byCategory", a -> a.terms(t -> t.field("category").size(1000).missing("none")).aggregations(counts)),
            Void.class);
    Map<String, Aggregate> aggregations = response.aggregations();
    Map<String, Long> overall = outcomes(aggregations);
    List<CategoryCounts> byCategory = new ArrayList<>();
    Aggregate categories = aggregations.get("byCategory");
    if (categories != null) {
      for (StringTermsBucket bucket : categories.sterms().buckets().array()) {
        Map<String, Long> outcomes = outcomes(bucket.aggregations());
        byCategory.add(new CategoryCounts(bucket.key().stringValue(), outcomes.getOrDefault("filed", 0L), decided(outcomes),
            outcomes.getOrDefault("overturned", 0L), medianHours(bucket.aggregations())));
      }
    }
    long decided = decided(overall);
    long overturned = overall.getOrDefault("overturned", 0L);
    return new Report(
        from,
        to,
        new Counts(overall.getOrDefault("filed", 0L), decided, overturned, overall.getOrDefault("upheld", 0L),
            overall.getOrDefault("ineligible", 0L), medianHours(aggregations), decided == 0 ? null : (double) overturned / decided),
        byCategory);
  }

  /** Outcomes by count, and the median time to decide of the decided ones (HDR histogram: 3 significant digits). */
  private static Map<String, Aggregation> counts() {
    Map<String, Aggregation> aggregations = new HashMap<>();
    aggregations.put("outcomes", Aggregation.of(a -> a.terms(t -> t.field("appealOutcome").size(20))));
    aggregations.put("decided", Aggregation.of(a -> a
        .filter(f -> f.terms(t -> t.field("appealOutcome").terms(v -> v.value(DECIDED.stream().map(FieldValue::of).toList()))))
        .aggregations("median", m -> m.percentiles(p -> p.field("waitTimeMillis").percents(50.0).hdr(h -> h.numberOfSignificantValueDigits(3))))));
    return aggregations;
  }

  private static Map<String, Long> outcomes(Map<String, Aggregate> aggregations) {
    Map<String, Long> counts = new HashMap<>();
    Aggregate outcomes = aggregations.get("outcomes");
    if (outcomes != null) {
      outcomes.sterms().buckets().array().forEach(b -> counts.put(b.key().stringValue(), b.docCount()));
    }
    return counts;
  }

  private static long decided(Map<String, Long> outcomes) {
    return DECIDED.stream().mapToLong(o -> outcomes.getOrDefault(o, 0L)).sum();
  }

  private static Double medianHours(Map<String, Aggregate> aggregations) {
    Aggregate decided = aggregations.get("decided");
    if (decided == null || decided.filter().docCount() == 0) {
      return null;
    }
    Aggregate median = decided.filter().aggregations().get("median");
    return median.hdrPercentiles().values().keyed().values().stream()
        .findFirst()
        .map(value -> Double.parseDouble(value) / 3_600_000d)
        .orElse(null);
  }
}
