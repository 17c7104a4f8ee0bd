package se.norrort.consortium.query.security;

import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import reactor.core.publisher.Mono;

/**
 * Which data of a view the current reader may read, for the paths the view serves: each view that restricts its
 * readers beyond their role declares one, beside its endpoints (e.g. {@code MembershipReadRule},
 * {@code MunicipalityReadRule}), and {@link ReadAccessFilter} applies it to every request of those paths, JSON and
 * live streams alike, before anything is read or streamed.
 */
public interface ReadRule {

    /** Whether this rule decides the reads of {@code path} (the path within the application). */
    boolean guards(PathContainer path);

    /**
     * Completes when the current reader may read {@code path}, or fails with {@link ReadRefused} (answered as
     * problem+json with its code). Called only for a path this rule {@link #guards}.
     */
    Mono<?> check(PathContainer path, ServerHttpRequest request);
}
