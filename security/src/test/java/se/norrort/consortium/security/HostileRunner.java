package se.norrort.consortium.security;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends generated requests over real HTTP/1.1 (a plain socket per request) to a service on a local port and checks every
 * answer: no 5xx; every 4xx is {@code application/problem+json} whose {@code status} is the answer's and whose
 * {@code code} is one of {@link HostileInputs#KNOWN_CODES}; and the store (as the caller's {@code storeState}
 * fingerprints it: event head, commit count, GridFS files) is the same after each refused request as before it.
 */
public final class HostileRunner {

    /** Statuses Netty's decoder answers itself, with an empty body (doc/security.md). */
    private static final java.util.Set<Integer> NETTY_OWN = java.util.Set.of(414, 431);

    private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*(\\d+)");

    /** What a run saw. */
    public record Outcome(int requests, Map<Integer, Integer> byStatus, List<String> failures, long millis, long seed) {

        public String summary(String service) {
            return "Hostile-input suite, " + service + ": " + requests + " requests in " + millis + " ms (seed " + seed
                    + "), answers by status " + byStatus + ", " + failures.size() + " failures";
        }
    }

    private HostileRunner() {}

    public static Outcome run(
            int port,
            int requests,
            long seed,
            HostileInputs inputs,
            List<HostileInputs.Endpoint> endpoints,
            List<String> queryKeys,
            Supplier<String> unknownPath,
            Supplier<Object> storeState) {
        Map<Integer, Integer> byStatus = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        List<String> slow = new ArrayList<>();
        List<String> unanswered = new ArrayList<>();
        long started = System.nanoTime();
        Object state = storeState.get();
        int sent = 0;
        String previous = "nothing";
        int nettyOwn = 0;
        for (int i = 0; i < requests; i++) {
            HostileInputs.Request request = inputs.next(endpoints, queryKeys, unknownPath);
            long requestStarted = System.nanoTime();
            Answer response;
            try {
                response = send(port, request);
            } catch (IOException | IllegalArgumentException e) {
                // the client itself refused to send it (e.g. a header value it rejects), or the server closed the
                // connection while the client was still sending an oversize body: no answer to judge, but the
                // store must still be untouched
                Object after = storeState.get();
                if (!Objects.equals(after, state)) {
                    failures.add("store changed by an unanswered request " + request + ": " + e);
                }
                if (e instanceof java.net.SocketTimeoutException) {
                    failures.add("no answer within 20 s to " + request + " (after " + previous + ")");
                } else {
                    unanswered.add(e + " for " + request);
                }
                state = after;
                byStatus.merge(0, 1, Integer::sum);
                continue;
            }
            sent++;
            int status = response.status();
            previous = status + " " + request;
            byStatus.merge(status, 1, Integer::sum);
            String body = response.body();
            if (status >= 500) {
                failures.add(status + " for " + request + ": " + abbreviate(body));
            } else if (status >= 400) {
                String type = response.contentType();
                Matcher code = CODE.matcher(body);
                Matcher statusField = STATUS.matcher(body);
                if (NETTY_OWN.contains(status) && body.isEmpty()) {
                    // refused by Netty's HTTP decoder before any Spring code runs (request line over 4 KB, headers
                    // over 8 KB): no problem body; accepted in doc/security.md
                    nettyOwn++;
                } else if (!type.startsWith("application/problem+json")) {
                    failures.add(status + " not problem+json (" + type + ") for " + request + ": " + abbreviate(body));
                } else if (!code.find() || !HostileInputs.KNOWN_CODES.contains(code.group(1))) {
                    failures.add(status + " with an unknown code for " + request + ": " + abbreviate(body));
                } else if (!statusField.find() || Integer.parseInt(statusField.group(1)) != status) {
                    failures.add(
                            status + " with another status in the problem for " + request + ": " + abbreviate(body));
                }
                Object after = storeState.get();
                if (!Objects.equals(after, state)) {
                    failures.add("store changed by refused " + request + " (" + status + " " + abbreviate(body) + "): "
                            + state + " -> " + after);
                }
                state = after;
            } else {
                state = storeState.get();
            }
            long tookMillis = (System.nanoTime() - requestStarted) / 1_000_000;
            if (tookMillis > 1_000) {
                slow.add(tookMillis + " ms: " + status + " " + request);
            }
        }
        if (nettyOwn > 0) {
            System.out.println("Hostile-input suite: " + nettyOwn + " answers of 414/431 from Netty's decoder");
        }
        if (!unanswered.isEmpty()) {
            System.out.println("Hostile-input suite: " + unanswered.size() + " requests got no answer, e.g. "
                    + unanswered.subList(0, Math.min(5, unanswered.size())));
        }
        if (!slow.isEmpty()) {
            System.out.println("Hostile-input suite: " + slow.size() + " requests took over 1 s, e.g. "
                    + slow.subList(0, Math.min(10, slow.size())));
        }
        return new Outcome(sent, byStatus, failures, (System.nanoTime() - started) / 1_000_000, seed);
    }

    /** An answer: status, Content-Type, and (for 4xx and 5xx) the body, at most 64 KB. */
    record Answer(int status, String contentType, String body) {}

    /**
     * One request on a connection of its own ({@code Connection: close}), over a plain socket: every request is
     * judged on its own, whatever the previous one left on a connection. A 2xx answer is not read beyond its head
     * (streams would never end); a 4xx or 5xx body is read until the server closes.
     */
    static Answer send(int port, HostileInputs.Request request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(20_000);
            URI uri = uri(port, request.pathAndQuery());
            String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            StringBuilder head = new StringBuilder(request.method())
                    .append(' ')
                    .append(target)
                    .append(" HTTP/1.1\r\nHost: 127.0.0.1:")
                    .append(port)
                    .append("\r\n");
            request.headers()
                    .forEach((name, value) ->
                            head.append(name).append(": ").append(value).append("\r\n"));
            if (request.body() != null) {
                head.append("Content-Length: ").append(request.body().length).append("\r\n");
            }
            head.append("Connection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head.toString().getBytes(StandardCharsets.UTF_8));
                if (request.body() != null) {
                    out.write(request.body());
                }
                out.flush();
            } catch (IOException e) {
                // the server answered and closed before the whole body was sent (an oversize upload): read the answer
            }
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String statusLine = line(in);
            if (statusLine == null || !statusLine.startsWith("HTTP/1.1 ")) {
                throw new IOException("no HTTP answer: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            String contentType = "";
            long length = -1;
            boolean chunked = false;
            for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                String name =
                        colon < 0 ? header : header.substring(0, colon).strip().toLowerCase();
                String value = colon < 0 ? "" : header.substring(colon + 1).strip();
                switch (name) {
                    case "content-type" -> contentType = value;
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase().contains("chunked");
                    default -> {}
                }
            }
            String body = "";
            if (status >= 400) {
                byte[] bytes =
                        length >= 0 ? in.readNBytes((int) Math.min(length, 64 * 1024)) : in.readNBytes(64 * 1024);
                body = new String(bytes, StandardCharsets.UTF_8);
                if (chunked) {
                    body = unchunk(body);
                }
            }
            return new Answer(status, contentType, body);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                return line.toString().stripTrailing();
            }
            line.append((char) c);
        }
        return line.length() == 0 ? null : line.toString();
    }

    /** The payload of a chunked body (as read until the server closed). */
    private static String unchunk(String raw) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < raw.length()) {
            int end = raw.indexOf("\r\n", at);
            if (end < 0) {
                break;
            }
            int size;
            try {
                size = Integer.parseInt(raw.substring(at, end).strip(), 16);
            } catch (NumberFormatException e) {
                break;
            }
            if (size == 0) {
                break;
            }
            out.append(raw, end + 2, Math.min(raw.length(), end + 2 + size));
            at = end + 2 + size + 2;
        }
        return out.toString();
    }

    /** The path as sent, with only the characters {@link URI} cannot carry percent-encoded. */
    static URI uri(int port, String pathAndQuery) {
        StringBuilder safe = new StringBuilder();
        for (byte b : pathAndQuery.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean plain = c > 0x20 && c < 0x7f && "\"<>\\^`{|}[] ".indexOf(c) < 0;
            if (plain) {
                safe.append((char) c);
            } else {
                safe.append('%').append(String.format("%02X", c));
            }
        }
        String text = safe.toString();
        // a '%' not followed by two hex digits cannot be in a URI either
        text = text.replaceAll("%(?![0-9A-Fa-f]{2})", "%25");
        return URI.create("http://127.0.0.1:" + port + text);
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
