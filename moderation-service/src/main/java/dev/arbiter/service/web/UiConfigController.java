package dev.arbiter.service.web;

import io.swagger.v3.oas.annotations.Hidden;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The web UI's configuration, public because the UI needs it before anyone has signed in. */
@Hidden
@RestController
class UiConfigController {

  private final UiProperties properties;

  UiConfigController(UiProperties properties) {
    this.properties = properties;
  }

  @GetMapping(path = "/config.json", produces = "application/json")
  ResponseEntity<Map<String, String>> config() {
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noCache())
        .body(Map.of("issuer", properties.issuer(), "clientId", properties.clientId()));
  }
}
