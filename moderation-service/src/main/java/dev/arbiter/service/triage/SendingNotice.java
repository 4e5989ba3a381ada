package dev.arbiter.service.triage;

import dev.arbiter.policy.taxonomy.ModerationAction;
import dev.arbiter.policy.taxonomy.ReasonCode;
import dev.arbiter.service.content.Cases;
import dev.arbiter.service.decision.Decision;
import dev.arbiter.service.decision.ReasonCodes;
import dev.arbiter.service.statement.StatementsOfReasons;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Writes the statement of reasons the author receives for a restrictive decision (DSA Art. 17): what was
 * restricted, why, on which ground, whether automation decided, and how to seek redress.
 */
@Service
public class SendingNotice {

  private final Cases cases;
  private final JdbcClient jdbc;
  private final ReasonCodes reasonCodes;
  private final StatementsOfReasons statements;
  private final String appealWindow;

  public SendingNotice(
      Cases cases,
      JdbcClient jdbc,
      ReasonCodes reasonCodes,
      StatementsOfReasons statements,
      @Value("${arbiter.appeals.window:P6M}") String appealWindow) {
    this.cases = cases;
    this.jdbc = jdbc;
    this.reasonCodes = reasonCodes;
    this.statements = statements;
    this.appealWindow = appealWindow;
  }

  /** Returns the notice id; sending twice for one decision keeps the first notice. */
  public UUID send(Decision decision) {
    Cases.StoredCase stored = cases.find(decision.caseId()).orElseThrow();
    UUID id = UUID.randomUUID();
    String body = statement(stored, decision);
    jdbc.sql(
            """
            insert into notices (id, case_id, decision_id, recipient, body) values (:id, :caseId, :decision, :recipient, :body)
            on conflict (decision_id) do nothing
            """)
        .param("id", id)
        .param("caseId", decision.caseId())
        .param("decision", decision.id())
        .param("recipient", stored.authorId())
        .param("body", body)
        .update();
    // The same statement, in the Transparency Database's fields, for the DSA export and the appeal portal.
    statements.record(decision, body);
    return jdbc.sql("select id from notices where decision_id = :decision")
        .param("decision", decision.id())
        .query(UUID.class)
        .single();
  }

  String statement(Cases.StoredCase stored, Decision decision) {
    String reason =
        reasonCodes.find(decision.reasonCode()).map(ReasonCode::noticeText).orElse("It breaks our rules.");
    String action =
        reasonCodes.action(decision.action()).map(ModerationAction::name).orElse(decision.action());
    String automation =
        decision.actorType() == Decision.ActorType.AUTOMATED
            ? "This decision was taken by automated means, under the published policy version " + decision.policyVersion() + "."
            : "A person on our moderation team reviewed your content and took this decision.";
    return """
        What we did: %s — your item %s.
        Why: %s
        %s
        Your options: you can appeal this decision free of charge within %s in the appeals portal; a different person \
        will review it. You may also turn to a certified out-of-court dispute settlement body or to the courts."""
        .formatted(action, stored.externalId(), reason, automation, humanWindow());
  }

  private String humanWindow() {
    return "P6M".equals(appealWindow) ? "6 months" : appealWindow;
  }
}
