package se.norrort.consortium.command.domain;

import java.util.Objects;

/**
 * A command was refused by a rule of the domain. Carries a stable {@link ErrorCode} for machines and a clear English
 * sentence for humans; the message never contains internals.
 */
public class DomainRuleViolation extends RuntimeException {

    private final ErrorCode code;

    public DomainRuleViolation(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }
}
