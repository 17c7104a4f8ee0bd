package se.norrort.consortium.eventstore.spring;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How both services' MongoDB clients talk to the store. {@code profile} picks the defaults: {@code embedded} (the
 * default) keeps what the embedded server serves (acknowledged writes, the server's read concern); {@code replica-set}
 * is for a real replica set: writes acknowledged by a majority and journaled, majority reads, retryable reads and
 * writes. Every other setting, when given, overrides the profile's default. Settings here win over options in the
 * connection string. Bad values stop the service at start with a message naming the setting.
 *
 * @param profile                {@code embedded} or {@code replica-set}
 * @param writeConcern           {@code majority}, a number of members (1 = primary only) or {@code server} (the
 *                               server's default)
 * @param journal                writes acknowledged only once journaled ({@code j:true})
 * @param writeTimeout           how long a write waits for its write concern before failing ({@code wtimeout})
 * @param readConcern            {@code majority}, {@code local} or {@code server} (the server's default)
 * @param retryWrites            retry a write once after a primary step-down or network error
 * @param retryReads             retry a read once after a primary step-down or network error
 * @param connectTimeout         TCP connect timeout
 * @param readTimeout            socket read timeout; must exceed the longest query (0 = none)
 * @param serverSelectionTimeout how long an operation waits for a suitable server (e.g. a primary during an election)
 * @param maxPoolSize            connections per server, per client
 * @param minPoolSize            connections kept open per server
 * @param maxWaitTime            how long an operation waits for a pooled connection
 * @param maxConnectionIdleTime  idle connections closed after this long (0 = never)
 * @param applicationName        reported to the server (logs, {@code currentOp}); the service's name if unset
 * @param healthTimeout          how long readiness waits for the store's answer to a ping before reporting DOWN
 */
@ConfigurationProperties(prefix = "norrort.mongodb.client")
public record MongoClientProperties(
        Profile profile,
        String writeConcern,
        Boolean journal,
        Duration writeTimeout,
        String readConcern,
        Boolean retryWrites,
        Boolean retryReads,
        Duration connectTimeout,
        Duration readTimeout,
        Duration serverSelectionTimeout,
        Integer maxPoolSize,
        Integer minPoolSize,
        Duration maxWaitTime,
        Duration maxConnectionIdleTime,
        String applicationName,
        Duration healthTimeout) {

    static final String PREFIX = "norrort.mongodb.client.";

    /** The two sets of defaults. */
    public enum Profile {
        /** The embedded server (mongo-java-server): one node, no sessions, no read concern. */
        EMBEDDED,
        /** A MongoDB replica set of three (or five) data-bearing members, no arbiter. */
        REPLICA_SET
    }

    public MongoClientProperties {
        profile = profile == null ? Profile.EMBEDDED : profile;
        boolean replicaSet = profile == Profile.REPLICA_SET;
        writeConcern = blank(writeConcern) ? (replicaSet ? "majority" : "server") : writeConcern.strip();
        journal = journal == null ? replicaSet : journal;
        writeTimeout = writeTimeout == null ? Duration.ofSeconds(replicaSet ? 10 : 0) : writeTimeout;
        readConcern = blank(readConcern) ? (replicaSet ? "majority" : "server") : readConcern.strip();
        retryWrites = retryWrites == null ? replicaSet : retryWrites;
        retryReads = retryReads == null ? replicaSet : retryReads;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(30) : readTimeout;
        serverSelectionTimeout = serverSelectionTimeout == null ? Duration.ofSeconds(10) : serverSelectionTimeout;
        maxPoolSize = maxPoolSize == null ? (replicaSet ? 50 : 20) : maxPoolSize;
        minPoolSize = minPoolSize == null ? (replicaSet ? 2 : 0) : minPoolSize;
        maxWaitTime = maxWaitTime == null ? Duration.ofSeconds(10) : maxWaitTime;
        maxConnectionIdleTime = maxConnectionIdleTime == null ? Duration.ofMinutes(5) : maxConnectionIdleTime;
        healthTimeout = healthTimeout == null ? Duration.ofSeconds(2) : healthTimeout;

        if (!writeConcern.equals("majority")
                && !writeConcern.equals("server")
                && !(writeConcern.matches("\\d{1,2}") && Integer.parseInt(writeConcern) >= 1)) {
            throw invalid("write-concern", writeConcern, "majority, a number of members from 1, or server");
        }
        if (!readConcern.equals("majority") && !readConcern.equals("local") && !readConcern.equals("server")) {
            throw invalid("read-concern", readConcern, "majority, local or server");
        }
        notNegative("write-timeout", writeTimeout);
        positive("connect-timeout", connectTimeout);
        notNegative("read-timeout", readTimeout);
        positive("server-selection-timeout", serverSelectionTimeout);
        positive("max-wait-time", maxWaitTime);
        positive("health-timeout", healthTimeout);
        notNegative("max-connection-idle-time", maxConnectionIdleTime);
        if (maxPoolSize < 1) {
            throw invalid("max-pool-size", maxPoolSize, "at least 1");
        }
        if (minPoolSize < 0 || minPoolSize > maxPoolSize) {
            throw invalid("min-pool-size", minPoolSize, "from 0 to max-pool-size (" + maxPoolSize + ")");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static void positive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw invalid(name, value, "a positive duration such as 5s");
        }
    }

    private static void notNegative(String name, Duration value) {
        if (value.isNegative()) {
            throw invalid(name, value, "a duration of 0 or more");
        }
    }

    private static IllegalArgumentException invalid(String name, Object value, String expected) {
        return new IllegalArgumentException(PREFIX + name + " must be " + expected + "; it was " + value);
    }
}
