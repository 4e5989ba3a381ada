package dev.arbiter.service.policy;

import dev.arbiter.policy.PolicyProblem;
import dev.arbiter.policy.PolicyValidationException;
import dev.arbiter.policy.change.FourEyesViolationException;
import dev.arbiter.policy.change.PolicyChangeException;
import io.camunda.client.api.command.ClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Problem details (RFC 9457) for the policy API; the policy library's messages name the rule, cell or gap. */
@RestControllerAdvice(basePackageClasses = PolicyErrors.class)
class PolicyErrors extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(PolicyErrors.class);

  /** A refused draft: malformed DMN, invalid FEEL, a gap in the table, a wrong output; every problem is listed. */
  @ExceptionHandler(PolicyValidationException.class)
  ResponseEntity<ProblemDetail> refused(PolicyValidationException refused) {
    ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_ENTITY, refused.getMessage());
    problem.setTitle("Policy refused");
    problem.setProperty("problems", refused.problems().stream().map(PolicyProblem::toString).toList());
    return ResponseEntity.unprocessableEntity().body(problem);
  }

  @ExceptionHandler(FourEyesViolationException.class)
  ResponseEntity<ProblemDetail> fourEyes(FourEyesViolationException refused) {
    return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem(HttpStatus.FORBIDDEN, refused.getMessage()));
  }

  @ExceptionHandler(PolicyNotFoundException.class)
  ResponseEntity<ProblemDetail> notFound(PolicyNotFoundException missing) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem(HttpStatus.NOT_FOUND, missing.getMessage()));
  }

  /** A step not allowed in the change's current state: not backtested yet, already reviewed, drafted against an older version. */
  @ExceptionHandler(PolicyChangeException.class)
  ResponseEntity<ProblemDetail> conflict(PolicyChangeException refused) {
    return ResponseEntity.status(HttpStatus.CONFLICT).body(problem(HttpStatus.CONFLICT, refused.getMessage()));
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<ProblemDetail> badRequest(IllegalArgumentException invalid) {
    return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, invalid.getMessage()));
  }

  @ExceptionHandler(ClientException.class)
  ResponseEntity<ProblemDetail> engineUnavailable(ClientException failure) {
    log.warn("workflow engine call of the policy API failed", failure);
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(problem(HttpStatus.SERVICE_UNAVAILABLE,
        "The workflow engine did not answer (" + failure.getMessage() + "); what was saved stays saved and its workflow starts once the engine answers."));
  }

  private static ProblemDetail problem(HttpStatus status, String detail) {
    return ProblemDetail.forStatusAndDetail(status, detail);
  }
}
