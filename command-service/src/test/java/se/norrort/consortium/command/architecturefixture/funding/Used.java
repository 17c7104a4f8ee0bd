package se.norrort.consortium.command.architecturefixture.funding;

import se.norrort.consortium.command.architecturefixture.domain.Shared;

/** A feature class another feature uses (the violation ArchitectureTest expects to be refused). */
public final class Used {

    private Used() {}

    public static String name() {
        return "funding" + Shared.name();
    }
}
