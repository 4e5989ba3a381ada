package dev.arbiter.policy.change;

/** The author of a policy change tried to approve or reject it; a second policy expert must review it. */
public class FourEyesViolationException extends PolicyChangeException {

    public FourEyesViolationException(String message) {
        super(message);
    }
}
