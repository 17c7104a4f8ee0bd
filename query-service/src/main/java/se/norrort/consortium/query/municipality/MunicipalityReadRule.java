package se.norrort.consortium.query.municipality;

import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;
import se.norrort.consortium.api.values.Actor;
import se.norrort.consortium.api.values.Role;
import se.norrort.consortium.query.api.QueryErrorCode;
import se.norrort.consortium.query.security.ReadRefused;
import se.norrort.consortium.query.security.ReadRule;
import se.norrort.consortium.query.security.Readers;

/**
 * Who reads a municipality's view ({@code /api/municipalities/{code}/**}): auditors every municipality; officers and
 * signatories only their own, else 403 {@code NOT_YOUR_MUNICIPALITY}.
 */
@Component
public class MunicipalityReadRule implements ReadRule {

    private static final PathPattern MUNICIPALITY =
            PathPatternParser.defaultInstance.parse("/api/municipalities/{code}/**");

    @Override
    public boolean guards(PathContainer path) {
        return MUNICIPALITY.matches(path);
    }

    @Override
    public Mono<?> check(PathContainer path, ServerHttpRequest request) {
        PathPattern.PathMatchInfo match = MUNICIPALITY.matchAndExtract(path);
        String code = match == null ? "" : match.getUriVariables().get("code");
        return Readers.current()
                .flatMap(actor -> mayRead(actor, code)
                        ? Mono.just(actor)
                        : Mono.error(new ReadRefused(
                                QueryErrorCode.NOT_YOUR_MUNICIPALITY,
                                "You may read only your own municipality's view.")));
    }

    private static boolean mayRead(Actor actor, String code) {
        return actor.role() == Role.AUDITOR
                || (actor.municipality() != null
                        && actor.municipality().toString().equals(code));
    }
}
