package dev.arbiter.service.decision;

import dev.arbiter.policy.PolicyBundle;
import dev.arbiter.policy.taxonomy.ModerationAction;
import dev.arbiter.policy.taxonomy.ReasonCode;
import dev.arbiter.policy.taxonomy.Taxonomy;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The taxonomy's reason codes and actions, as decisions and notices name them. */
@Component
public class ReasonCodes {

  private final Taxonomy taxonomy = Taxonomy.parse(PolicyBundle.shipped().taxonomyJson());

  public Optional<ReasonCode> find(String code) {
    return code == null ? Optional.empty() : taxonomy.reasonCode(code);
  }

  /** Every reason code a reviewer may choose, in the taxonomy's order. */
  public List<ReasonCode> all() {
    return taxonomy.reasonCodes();
  }

  public Optional<ModerationAction> action(String id) {
    return taxonomy.action(id);
  }
}
