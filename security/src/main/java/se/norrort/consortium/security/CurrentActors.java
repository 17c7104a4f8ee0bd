package se.norrort.consortium.security;

import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import reactor.core.publisher.Mono;
import se.norrort.consortium.api.values.Actor;

/** The actor of the current request, from its verified token. */
public final class CurrentActors {

    private CurrentActors() {}

    /** The actor; empty when the request carries no verified token (the security chain refuses those first). */
    public static Mono<Actor> current() {
        return ReactiveSecurityContextHolder.getContext()
                .mapNotNull(c -> c.getAuthentication())
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(a -> ActorClaims.actorOf(((JwtAuthenticationToken) a).getToken()));
    }
}
