package se.norrort.consortium.archive;

import java.util.Objects;

/**
 * Who asked for an export: recorded in the package's METS header (as its submitting agent) and in the report.
 *
 * @param id   a stable identifier: the token's subject, or the operating-system user of the command line
 * @param name the name to show
 * @param role the role acted in (e.g. {@code AUDITOR}), or null when there is none (the command line)
 */
public record ExportedBy(String id, String name, String role) {

    public ExportedBy {
        Objects.requireNonNull(id, "id");
        name = name == null || name.isBlank() ? id : name.strip();
    }
}
