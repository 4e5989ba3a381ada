package dev.arbiter.service.triage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.classifiers.ExtractedContent;
import dev.arbiter.classifiers.extraction.ExtractionResult;
import dev.arbiter.classifiers.extraction.TikaContentExtractor;
import dev.arbiter.classifiers.language.LanguageIdentifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Extracts every part of a case with Apache Tika, within the configured limits. A file that cannot be
 * extracted (encrypted, corrupt, a zip bomb) flags the case "extraction-failed" so a human sees it;
 * the case is never dropped.
 */
@Service
public class ExtractingContent {

  public static final String EXTRACTION_FAILED = "extraction-failed";

  private final JdbcClient jdbc;
  private final TikaContentExtractor extractor;
  private final LanguageIdentifier languages;
  private final ObjectMapper json;

  public ExtractingContent(JdbcClient jdbc, TikaContentExtractor extractor, LanguageIdentifier languages, ObjectMapper json) {
    this.jdbc = jdbc;
    this.extractor = extractor;
    this.languages = languages;
    this.json = json;
  }

  /** The process variable "extraction": language, whether any part failed, how many parts. */
  public record Summary(String language, boolean failed, int parts) {
    public Map<String, Object> toVariable() {
      return Map.of("language", language, "failed", failed, "parts", parts);
    }
  }

  public Summary extract(UUID caseId) {
    List<Part> parts =
        jdbc.sql("select id, kind, file_name, body from content_parts where case_id = :id order by position")
            .param("id", caseId)
            .query((rs, n) -> new Part(rs.getObject("id", UUID.class), rs.getString("kind"), rs.getString("file_name"), rs.getBytes("body")))
            .list();
    boolean failed = false;
    List<String> texts = new ArrayList<>();
    for (Part part : parts) {
      if ("text".equals(part.kind())) {
        String text = new String(part.body(), StandardCharsets.UTF_8);
        texts.add(text);
        store(part.id(), "text/plain", text, Map.of());
        continue;
      }
      ExtractionResult result = extractor.extract(part.body(), part.fileName());
      if (result instanceof ExtractionResult.Failed failure) {
        failed = true;
        store(part.id(), failure.mediaType().orElse(null), null,
            Map.of("failure", failure.failure().name(), "detail", failure.detail()));
      } else {
        ExtractedContent content = result.content().orElseThrow();
        texts.add(content.text());
        store(part.id(), content.mediaType(), content.text(), Map.of("truncated", content.truncated()));
      }
    }
    if (failed) {
      jdbc.sql("update cases set flags = array_append(flags, :flag), updated_at = now() where id = :id and not (:flag = any (flags))")
          .param("flag", EXTRACTION_FAILED)
          .param("id", caseId)
          .update();
    }
    String allText = String.join("\n", texts);
    String language = ChoosingLanguage.choose(languages.identify(allText), localeLanguage(caseId), allText);
    return new Summary(language, failed, parts.size());
  }

  private Optional<String> localeLanguage(UUID caseId) {
    Optional<String> locale =
        jdbc.sql("select locale from cases where id = :id").param("id", caseId).query(String.class).optional();
    return locale.filter(l -> l.length() >= 2).map(l -> l.substring(0, 2).toLowerCase(java.util.Locale.ROOT));
  }

  private void store(UUID partId, String mediaType, String text, Map<String, Object> metadata) {
    try {
      jdbc.sql(
              """
              update content_parts set media_type = coalesce(:mediaType, media_type), extracted_text = :text,
                     metadata = cast(:metadata as jsonb) where id = :id
              """)
          .param("mediaType", mediaType)
          .param("text", text)
          .param("metadata", json.writeValueAsString(metadata))
          .param("id", partId)
          .update();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private record Part(UUID id, String kind, String fileName, byte[] body) {}
}
