package se.norrort.consortium.api.values;

/**
 * The party who sends a command. Commands carry it so the aggregate can decide whether the party may act; events do
 * not carry it (it goes into event metadata), except where the decision itself records a person.
 *
 * @param personId     who acts
 * @param displayName  the name to show, e.g. "Britt-Marie Ekström"
 * @param role         in which role the person acts
 * @param municipality the municipality the person acts for; required for municipality officers, otherwise optional
 */
public record Actor(PersonId personId, String displayName, Role role, MunicipalityCode municipality) {

    public Actor {
        Identifiers.requireNonNull(personId, "Actor person id");
        displayName =
                Identifiers.requireText(displayName, "Actor display name", 200).strip();
        Identifiers.requireNonNull(role, "Actor role");
        if (role == Role.MUNICIPALITY_OFFICER && municipality == null) {
            throw new IllegalArgumentException("A municipality officer must name the municipality they act for");
        }
    }

    /** A municipality officer acting for the given municipality. */
    public static Actor officer(PersonId personId, String displayName, MunicipalityCode municipality) {
        return new Actor(personId, displayName, Role.MUNICIPALITY_OFFICER, municipality);
    }

    /** Whether this actor is a municipality officer acting for the given municipality. */
    public boolean actsAsOfficerFor(MunicipalityCode code) {
        return role == Role.MUNICIPALITY_OFFICER && code != null && code.equals(municipality);
    }
}
