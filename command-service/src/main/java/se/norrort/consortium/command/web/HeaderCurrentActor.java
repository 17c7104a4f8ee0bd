package se.norrort.consortium.command.web;

import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import se.norrort.consortium.api.values.Actor;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.api.values.PersonId;
import se.norrort.consortium.api.values.Role;

import java.util.Locale;

/**
 * INTERIM, NOT SECURE: takes the actor from request headers ({@code X-Actor-Id}, {@code X-Actor-Name},
 * {@code X-Actor-Role}, {@code X-Actor-Municipality}) without verifying anything. It exists so that the command API can
 * be exercised before verified tokens back {@link CurrentActor} (the identity issue); anyone who can reach the port
 * can act as anyone. The services bind to 127.0.0.1 only.
 */
@Component
public class HeaderCurrentActor implements CurrentActor {

    @Override
    public Mono<Actor> of(ServerWebExchange exchange) {
        var headers = exchange.getRequest().getHeaders();
        String id = headers.getFirst("X-Actor-Id");
        String role = headers.getFirst("X-Actor-Role");
        if (id == null || role == null) {
            return Mono.error(ApiProblem.unauthorized("The request names no actor (X-Actor-Id and X-Actor-Role)."));
        }
        String name = headers.getFirst("X-Actor-Name");
        String municipality = headers.getFirst("X-Actor-Municipality");
        return Mono.fromCallable(() -> new Actor(new PersonId(id), name == null || name.isBlank() ? id : name,
                                                 Role.valueOf(role.strip().toUpperCase(Locale.ROOT)),
                                                 municipality == null ? null : new MunicipalityCode(municipality)))
                   .onErrorMap(IllegalArgumentException.class,
                               e -> ApiProblem.unauthorized("The request's actor is not valid: " + e.getMessage()));
    }
}
