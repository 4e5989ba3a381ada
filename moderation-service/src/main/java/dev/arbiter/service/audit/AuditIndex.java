package dev.arbiter.service.audit;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.json.JsonData;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Repository;

/** The audit index in Elasticsearch: one document per decision, id = decision id. */
@Repository
public class AuditIndex {

  private static final String MAPPING = "/audit/audit-index.json";

  private final ElasticsearchClient client;
  private final String index;
  private volatile boolean ready;

  public AuditIndex(ElasticsearchClient client, @Value("${arbiter.audit.index:arbiter-audit}") String index) {
    this.client = client;
    this.index = index;
  }

  public String name() {
    return index;
  }

  /** Writes the record; the same id written twice leaves one document. Throws if Elasticsearch is unreachable. */
  public void record(AuditRecord record) throws IOException {
    ensureIndex();
    client.index(i -> i.index(index).id(record.id()).document(record));
  }

  public AuditSearchResult search(AuditQuery query) throws IOException {
    ensureIndex();
    SearchResponse<AuditRecord> response =
        client.search(
            s ->
                s.index(index)
                    .query(toQuery(query))
                    .from(query.page() * query.size())
                    .size(query.size())
                    .trackTotalHits(t -> t.enabled(true))
                    .sort(o -> o.field(f -> f.field("decidedAt").order(co.elastic.clients.elasticsearch._types.SortOrder.Desc)))
                    .aggregations("category", a -> a.terms(t -> t.field("category").size(100)))
                    .aggregations("action", a -> a.terms(t -> t.field("action").size(100)))
                    .aggregations("actorType", a -> a.terms(t -> t.field("actorType").size(10))),
            AuditRecord.class);
    List<AuditRecord> records = response.hits().hits().stream().map(h -> h.source()).toList();
    return new AuditSearchResult(
        response.hits().total() == null ? records.size() : response.hits().total().value(),
        records,
        buckets(response.aggregations().get("category")),
        buckets(response.aggregations().get("action")),
        buckets(response.aggregations().get("actorType")));
  }

  /** Makes freshly written records visible to search (tests and exports). */
  public void refresh() throws IOException {
    ensureIndex();
    client.indices().refresh(r -> r.index(index));
  }

  private void ensureIndex() throws IOException {
    if (ready) {
      return;
    }
    synchronized (this) {
      String definition = definition();
      if (client.indices().exists(e -> e.index(index)).value()) {
        // An index made by an earlier version gains the fields added since (mappings only grow).
        String mappings = new ObjectMapper().readTree(definition).get("mappings").toString();
        client.indices().putMapping(p -> p.index(index).withJson(new StringReader(mappings)));
      } else {
        try {
          client.indices().create(c -> c.index(index).withJson(new StringReader(definition)));
        } catch (co.elastic.clients.elasticsearch._types.ElasticsearchException e) {
          // Another replica created it first.
          if (!"resource_already_exists_exception".equals(e.error().type())) {
            throw e;
          }
        }
      }
      ready = true;
    }
  }

  private static String definition() throws IOException {
    try (InputStream mapping = AuditIndex.class.getResourceAsStream(MAPPING)) {
      if (mapping == null) {
        throw new UncheckedIOException(new IOException("missing " + MAPPING));
      }
      return new String(mapping.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Query toQuery(AuditQuery q) {
    List<Query> filters = new ArrayList<>();
    term(filters, "caseId", q.caseId());
    term(filters, "category", q.category());
    term(filters, "action", q.action());
    term(filters, "actorType", q.actorType() == null ? null : q.actorType().name());
    term(filters, "policyVersion", q.policyVersion());
    if (q.from() != null || q.to() != null) {
      filters.add(
          Query.of(
              r ->
                  r.range(
                      g -> {
                        var range = g.untyped(u -> {
                          u.field("decidedAt");
                          if (q.from() != null) {
                            u.gte(JsonData.of(q.from().toString()));
                          }
                          if (q.to() != null) {
                            u.lt(JsonData.of(q.to().toString()));
                          }
                          return u;
                        });
                        return range;
                      })));
    }
    List<Query> must = new ArrayList<>();
    if (q.text() != null && !q.text().isBlank()) {
      must.add(Query.of(m -> m.multiMatch(mm -> mm.query(q.text()).fields("statementOfReasons", "note"))));
    }
    return Query.of(b -> b.bool(bool -> bool.filter(filters).must(must)));
  }

  private static void term(List<Query> filters, String field, String value) {
    if (value != null && !value.isBlank()) {
      filters.add(Query.of(t -> t.term(x -> x.field(field).value(FieldValue.of(value)))));
    }
  }

  private static Map<String, Long> buckets(Aggregate aggregate) {
    Map<String, Long> counts = new LinkedHashMap<>();
    if (aggregate != null && aggregate.isSterms()) {
      aggregate.sterms().buckets().array().forEach(b -> counts.put(b.key().stringValue(), b.docCount()));
    }
    return counts;
  }
}
