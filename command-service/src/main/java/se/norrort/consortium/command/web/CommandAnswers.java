package se.norrort.consortium.command.web;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The answers of accepted commands, shared by the command controllers: the aggregate version as {@code ETag}. */
public final class CommandAnswers {

    private CommandAnswers() {}

    /** {@code 201 Created} at {@code location}, with the aggregate version as {@code ETag}. */
    public static <T> ResponseEntity<T> createdAt(URI location, Long version, T body) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.created(location);
        if (version != null) {
            builder.eTag("\"" + version + "\"");
        }
        return builder.body(body);
    }

    /** {@code 201 Created} at the application's own location, with the aggregate version as {@code ETag}. */
    public static ResponseEntity<CommandDispatcher.Accepted> created(CommandDispatcher.Accepted accepted) {
        return createdAt(URI.create("/api/applications/" + accepted.applicationId()), accepted.version(), accepted);
    }

    /** {@code 202 Accepted} with the aggregate version as {@code ETag}. */
    public static ResponseEntity<CommandDispatcher.Accepted> accepted(CommandDispatcher.Accepted accepted) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(HttpStatus.ACCEPTED);
        if (accepted.version() != null) {
            builder.eTag("\"" + accepted.version() + "\"");
        }
        return builder.body(accepted);
    }
}
