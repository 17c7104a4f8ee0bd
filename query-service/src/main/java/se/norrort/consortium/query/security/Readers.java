package se.norrort.consortium.query.security;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import se.norrort.consortium.api.values.Actor;
import se.norrort.consortium.security.CurrentActors;

/** Who reads: the actor of the request's verified token, for the {@link ReadRule}s. */
public final class Readers {

    private Readers() {}

    /** The current reader; 401 when the request carries no verified actor. */
    public static Mono<Actor> current() {
        return CurrentActors.current().switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.UNAUTHORIZED)));
    }
}
