package dev.arbiter.service.audit;

import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Audit documents are written with the application's Jackson setup: instants as ISO-8601 text. */
@Configuration
class AuditConfiguration {

  @Bean
  JsonpMapper jsonpMapper(ObjectMapper objectMapper) {
    return new JacksonJsonpMapper(objectMapper.copy());
  }
}
