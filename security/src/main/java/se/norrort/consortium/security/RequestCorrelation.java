package se.norrort.consortium.security;

import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Every request's correlation id: the client's {@code X-Correlation-Id} when it is a valid one, else a new UUID. It is
 * answered in the {@code X-Correlation-Id} response header, recorded in the metadata of every event the request's
 * command stores (so the command's handling and each projection of its events log it too), and put in the MDC
 * ({@code correlationId}) of the log lines written while handling the request ({@link #inLogs}).
 */
public class RequestCorrelation implements WebFilter, Ordered {

    public static final String HEADER = "X-Correlation-Id";

    /** The MDC key, as the command and event handlers use it. */
    public static final String MDC_KEY = "correlationId";

    /** The most a client-chosen id may be; such ids enter the hashed event metadata. */
    public static final int MAX_LENGTH = 128;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:/+=-]+");
    private static final String ATTRIBUTE = RequestCorrelation.class.getName();

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String given = exchange.getRequest().getHeaders().getFirst(HEADER);
        String id = isValid(given) ? given.strip() : UUID.randomUUID().toString();
        exchange.getAttributes().put(ATTRIBUTE, id);
        exchange.getResponse().getHeaders().set(HEADER, id);
        return chain.filter(exchange);
    }

    /**
     * A client-chosen id ({@code X-Correlation-Id}, {@code X-Request-Id}) that may be recorded: at most
     * {@value #MAX_LENGTH} characters of {@code [A-Za-z0-9._:/+=-]} (UUIDs, trace ids) once stripped.
     */
    public static boolean isValid(String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        String id = value.strip();
        return id.length() <= MAX_LENGTH && ID.matcher(id).matches();
    }

    /** The request's correlation id; null for an exchange this filter did not see. */
    public static String of(ServerWebExchange exchange) {
        return exchange.getAttribute(ATTRIBUTE);
    }

    /** Writes log lines with the request's correlation id in the MDC (and what was there before restored after). */
    public static void inLogs(ServerWebExchange exchange, Runnable logging) {
        String id = of(exchange);
        String previous = MDC.get(MDC_KEY);
        if (id != null) {
            MDC.put(MDC_KEY, id);
        }
        try {
            logging.run();
        } finally {
            if (previous == null) {
                MDC.remove(MDC_KEY);
            } else {
                MDC.put(MDC_KEY, previous);
            }
        }
    }
}
