package se.norrort.consortium.command.web;

import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import se.norrort.consortium.api.values.Actor;

/**
 * Who is sending the current request. The single place the command API learns the actor from; every command and
 * every event's metadata take the actor from here.
 */
public interface CurrentActor {

    /** The actor of this request, or an error {@link ApiProblem} (401) when the request names none. */
    Mono<Actor> of(ServerWebExchange exchange);
}
