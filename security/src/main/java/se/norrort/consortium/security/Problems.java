package se.norrort.consortium.security;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;

/** RFC 9457 problem answers written straight to a response (for filters that run before any controller). */
public final class Problems {

    private Problems() {
    }

    public static Mono<Void> write(ServerHttpResponse response, HttpStatus status, String code, String title,
                                   String detail) {
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        String json = "{\"type\":\"https://norrort.example/problems/" + code.toLowerCase().replace('_', '-')
                + "\",\"title\":" + quote(title) + ",\"status\":" + status.value() + ",\"detail\":" + quote(detail)
                + ",\"code\":" + quote(code) + "}";
        return response.writeWith(Mono.just(response.bufferFactory().wrap(json.getBytes(StandardCharsets.UTF_8))));
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
