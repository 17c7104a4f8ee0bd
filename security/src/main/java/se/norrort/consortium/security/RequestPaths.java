package se.norrort.consortium.security;

import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The request path as the handlers match it: percent-decoded, without matrix parameters ({@code ;a=b}), relative to
 * the application. Filters that decide by path use this, never the raw path, so that {@code /%61pi/...} is
 * {@code /api/...} to them exactly as it is to the controllers and to Spring Security's matchers.
 */
public final class RequestPaths {

    private RequestPaths() {}

    /** The decoded, normalized path, e.g. {@code /api/applications/x} for {@code /%61pi;v=1/applications/x}. */
    public static String normalized(ServerHttpRequest request) {
        StringBuilder path = new StringBuilder();
        for (PathContainer.Element element :
                request.getPath().pathWithinApplication().elements()) {
            if (element instanceof PathContainer.PathSegment segment) {
                path.append(segment.valueToMatch());
            } else {
                path.append('/');
            }
        }
        return path.length() == 0 ? "/" : path.toString();
    }

    /** Whether the decoded path is in the API ({@code /api/...}). */
    public static boolean isApi(ServerHttpRequest request) {
        return normalized(request).startsWith("/api/");
    }

    /**
     * Why the path is ambiguous, or null when it is not: a segment that decodes to a separator ({@code %2F},
     * {@code %5C}), to a dot segment ({@code .}, {@code ..}, {@code %2E}), to a percent sign (double encoding), to a
     * control character, or carries matrix parameters. Such paths can mean different things to a proxy, a filter and
     * a handler, and no endpoint needs them.
     */
    public static String ambiguity(ServerHttpRequest request) {
        for (PathContainer.Element element :
                request.getPath().pathWithinApplication().elements()) {
            if (!(element instanceof PathContainer.PathSegment segment)) {
                continue;
            }
            String raw = segment.value();
            String decoded = segment.valueToMatch();
            if (!segment.parameters().isEmpty() || raw.indexOf(';') >= 0) {
                return "Path segments must not carry matrix parameters (';').";
            }
            if (".".equals(decoded) || "..".equals(decoded)) {
                return "Path segments must not be '.' or '..'.";
            }
            for (int i = 0; i < decoded.length(); i++) {
                char c = decoded.charAt(i);
                if (c == '/' || c == '\\') {
                    return "Path segments must not contain an encoded '/' or '\\'.";
                }
                if (c == '%') {
                    return "Path segments must not be encoded twice.";
                }
                if (c < 0x20 || c == 0x7f) {
                    return "Path segments must not contain control characters.";
                }
            }
        }
        return null;
    }
}
