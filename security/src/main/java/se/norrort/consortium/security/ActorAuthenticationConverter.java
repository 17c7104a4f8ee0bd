package se.norrort.consortium.security;

import java.util.List;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import reactor.core.publisher.Mono;
import se.norrort.consortium.api.values.Actor;

/**
 * A verified token becomes an authentication whose name is the person id and whose single authority is
 * {@code ROLE_<norrort_role>}. A token whose claims make no valid actor (unknown role, officer without municipality,
 * malformed ids) is treated as an invalid token: 401.
 */
public class ActorAuthenticationConverter implements Converter<Jwt, Mono<AbstractAuthenticationToken>> {

    @Override
    public Mono<AbstractAuthenticationToken> convert(Jwt jwt) {
        Actor actor;
        try {
            actor = ActorClaims.actorOf(jwt);
        } catch (IllegalArgumentException e) {
            return Mono.error(new BadJwtException("The token's claims do not name a valid actor: " + e.getMessage()));
        }
        return Mono.just(new JwtAuthenticationToken(
                jwt,
                List.of(new SimpleGrantedAuthority("ROLE_" + actor.role().name())),
                actor.personId().toString()));
    }
}
