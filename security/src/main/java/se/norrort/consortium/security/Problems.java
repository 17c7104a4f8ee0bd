package se.norrort.consortium.security;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one writer of RFC 9457 problem answers for both services: every problem has a {@code type} under
 * {@value #TYPE_PREFIX} derived from its stable {@code code}, a {@code title}, the {@code status}, a {@code detail}
 * for humans and the {@code code} for machines. Controllers and advice answer {@link #answer} (Spring's codec writes
 * the {@link ProblemDetail} with Jackson); filters, which run before any codec, {@link #write} the same document,
 * serialized by Jackson here ({@link #json}), so any text in a detail is escaped as JSON requires.
 */
public final class Problems {

    /** Every problem type is this prefix plus the code in lower case with dashes, e.g. {@code .../not-found}. */
    public static final String TYPE_PREFIX = "https://norrort.example/problems/";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {}

    /** The problem type of a code: {@code DOCUMENT_LIMIT_REACHED} is {@code .../problems/document-limit-reached}. */
    public static URI type(String code) {
        return URI.create(TYPE_PREFIX + code.toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    /** The problem document, for a controller to answer or to add properties to. */
    public static ProblemDetail body(HttpStatusCode status, String code, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setType(type(code));
        problem.setProperty("code", code);
        return problem;
    }

    /** A whole answer: the status, {@code application/problem+json}, the document. */
    public static ResponseEntity<ProblemDetail> answer(
            HttpStatusCode status, String code, String title, String detail) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body(status, code, title, detail));
    }

    /** The problem document as JSON bytes (UTF-8), serialized by Jackson. */
    public static byte[] json(HttpStatusCode status, String code, String title, String detail) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("type", type(code).toString());
        if (title != null) {
            document.put("title", title);
        }
        document.put("status", status.value());
        if (detail != null) {
            document.put("detail", detail);
        }
        document.put("code", code);
        return JSON.writeValueAsBytes(document);
    }

    /** Writes a problem straight to a response (for filters that run before any controller). */
    public static Mono<Void> write(
            ServerHttpResponse response, HttpStatus status, String code, String title, String detail) {
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(json(status, code, title, detail))));
    }
}
