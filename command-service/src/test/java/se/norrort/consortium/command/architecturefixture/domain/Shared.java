package se.norrort.consortium.command.architecturefixture.domain;

/** A shared class the fixture's features may both use. */
public final class Shared {

    private Shared() {}

    public static String name() {
        return "shared";
    }
}
