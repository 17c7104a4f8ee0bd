package se.norrort.consortium.command.architecturefixture.opening;

import se.norrort.consortium.command.architecturefixture.domain.Shared;
import se.norrort.consortium.command.architecturefixture.funding.Used;

/** A feature class that breaks the rule: it uses another feature (and, allowed, a shared package). */
public final class UsesFunding {

    private UsesFunding() {}

    public static String both() {
        return Used.name() + Shared.name();
    }
}
