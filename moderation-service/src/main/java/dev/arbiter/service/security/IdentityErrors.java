package dev.arbiter.service.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Problem details for this package's endpoints, including an unreachable Keycloak (503). */
@RestControllerAdvice(basePackageClasses = IdentityErrors.class)
class IdentityErrors {

  private static final Logger log = LoggerFactory.getLogger(IdentityErrors.class);

  @ExceptionHandler(ErrorResponseException.class)
  ResponseEntity<ProblemDetail> rejected(ErrorResponseException rejected) {
    return ResponseEntity.status(rejected.getStatusCode()).body(rejected.getBody());
  }

  @ExceptionHandler(KeycloakDirectory.DirectoryUnavailableException.class)
  ResponseEntity<ProblemDetail> directoryUnavailable(
      KeycloakDirectory.DirectoryUnavailableException failure) {
    log.warn("Keycloak directory call failed", failure);
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .body(
            ProblemDetail.forStatusAndDetail(
                HttpStatus.SERVICE_UNAVAILABLE,
                "The identity provider's directory is unavailable; try again later."));
  }
}
