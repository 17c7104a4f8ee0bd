package se.norrort.consortium.command.web;

import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import se.norrort.consortium.api.values.Actor;
import se.norrort.consortium.security.CurrentActors;

/** The actor named by the request's verified bearer token (subject, name, role, municipality). */
@Component
public class TokenCurrentActor implements CurrentActor {

    @Override
    public Mono<Actor> of(ServerWebExchange exchange) {
        return CurrentActors.current()
                .switchIfEmpty(Mono.error(ApiProblem.unauthorized("The request carries no verified" + " token.")));
    }
}
