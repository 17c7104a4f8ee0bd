package se.norrort.consortium.command.aggregate;

import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import se.norrort.consortium.command.domain.DomainRuleViolation;
import se.norrort.consortium.command.domain.ErrorCode;

/** Matchers for refused commands. */
final class Refusals {

    private Refusals() {}

    /** A {@link DomainRuleViolation} with the given code and a message that is a sentence for humans. */
    static Matcher<DomainRuleViolation> violation(ErrorCode code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(DomainRuleViolation violation) {
                String message = violation.getMessage();
                return violation.code() == code && message != null && !message.isBlank() && message.endsWith(".");
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a DomainRuleViolation with code ").appendValue(code);
            }

            @Override
            protected void describeMismatchSafely(DomainRuleViolation violation, Description description) {
                description
                        .appendText("was ")
                        .appendValue(violation.code())
                        .appendText(": ")
                        .appendValue(violation.getMessage());
            }
        };
    }
}
