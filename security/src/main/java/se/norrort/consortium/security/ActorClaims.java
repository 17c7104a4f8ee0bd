package se.norrort.consortium.security;

import java.util.Locale;
import org.springframework.security.oauth2.jwt.Jwt;
import se.norrort.consortium.api.values.Actor;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.api.values.PersonId;
import se.norrort.consortium.api.values.Role;

/**
 * The claims a Norrort token carries, and how they become the {@link Actor} of a request.
 *
 * <table>
 * <tr><th>claim</th><th>meaning</th></tr>
 * <tr><td>{@code sub}</td><td>person id (e.g. {@code danderyd-socialdirektor}); a delegation names it</td></tr>
 * <tr><td>{@code name}</td><td>display name, recorded in event metadata</td></tr>
 * <tr><td>{@code norrort_role}</td><td>MUNICIPALITY_OFFICER, SIGNATORY, FUNDER_OFFICER, AUDITOR or OPERATOR</td></tr>
 * <tr><td>{@code municipality}</td><td>4-digit municipality code; required for officers and signatories</td></tr>
 * <tr><td>{@code aud}</td><td>must contain the configured audience (default {@code norrort-consortium})</td></tr>
 * <tr><td>{@code iss}</td><td>must be the configured issuer</td></tr>
 * </table>
 * The project owner is not a role: it is an officer of the application's owner municipality, decided per
 * application by the aggregate.
 */
public final class ActorClaims {

    public static final String ROLE = "norrort_role";
    public static final String MUNICIPALITY = "municipality";
    public static final String NAME = "name";

    private ActorClaims() {}

    /** The actor a verified token names; {@link IllegalArgumentException} when the claims do not make one. */
    public static Actor actorOf(Jwt jwt) {
        String role = jwt.getClaimAsString(ROLE);
        if (role == null) {
            throw new IllegalArgumentException("The token has no " + ROLE + " claim.");
        }
        Role parsed = Role.valueOf(role.strip().toUpperCase(Locale.ROOT));
        if (parsed == Role.SYSTEM) {
            throw new IllegalArgumentException("SYSTEM is not a role a person can act in.");
        }
        String municipality = jwt.getClaimAsString(MUNICIPALITY);
        if ((parsed == Role.MUNICIPALITY_OFFICER || parsed == Role.SIGNATORY) && municipality == null) {
            throw new IllegalArgumentException("A " + parsed + " token must name its municipality.");
        }
        String name = jwt.getClaimAsString(NAME);
        return new Actor(
                new PersonId(jwt.getSubject()),
                name == null || name.isBlank() ? jwt.getSubject() : name,
                parsed,
                municipality == null ? null : new MunicipalityCode(municipality));
    }
}
