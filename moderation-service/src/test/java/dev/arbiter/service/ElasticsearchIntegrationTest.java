package dev.arbiter.service;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import dev.arbiter.service.support.LocalPart;
import java.io.IOException;
import java.util.UUID;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Talks to the real Elasticsearch server started by infra/elasticsearch, through the Java client. */
class ElasticsearchIntegrationTest {

  record Note(String id, String text, String category) {}

  private static RestClient restClient;
  private static ElasticsearchClient client;
  private static final String INDEX = "arbiter-smoke-" + UUID.randomUUID();

  @BeforeAll
  static void connect() {
    restClient = RestClient.builder(HttpHost.create(LocalPart.ELASTICSEARCH.url())).build();
    client = new ElasticsearchClient(new RestClientTransport(restClient, new JacksonJsonpMapper()));
  }

  @AfterAll
  static void cleanUp() throws IOException {
    client.indices().delete(d -> d.index(INDEX));
    restClient.close();
  }

  @Test
  void indexesAndFindsADocumentByFullTextAndTerm() throws IOException {
    client.index(i -> i.index(INDEX).id("n-1").document(new Note("n-1", "Cheap watches, click this link now", "spam")).refresh(Refresh.True));
    client.index(i -> i.index(INDEX).id("n-2").document(new Note("n-2", "Photos from our holiday by the lake", "clean")).refresh(Refresh.True));

    SearchResponse<Note> byText =
        client.search(s -> s.index(INDEX).query(q -> q.match(m -> m.field("text").query("watches link"))), Note.class);
    assertThat(byText.hits().hits()).extracting(h -> h.source().id()).containsExactly("n-1");

    SearchResponse<Note> byCategory =
        client.search(s -> s.index(INDEX).query(q -> q.term(t -> t.field("category.keyword").value("clean"))), Note.class);
    assertThat(byCategory.hits().hits()).extracting(h -> h.id()).containsExactly("n-2");
  }

  @Test
  void indexingTheSameIdTwiceKeepsOneDocument() throws IOException {
    for (int i = 0; i < 2; i++) {
      client.index(x -> x.index(INDEX).id("same").document(new Note("same", "retried write", "audit")).refresh(Refresh.True));
    }
    long count = client.count(c -> c.index(INDEX).query(q -> q.ids(ids -> ids.values("same")))).count();
    assertThat(count).isEqualTo(1);
  }
}
