package se.norrort.consortium.command.deadlines;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;
import se.norrort.consortium.command.web.CommandApiTestBase;
import se.norrort.consortium.eventstore.StoredEvent;

/**
 * Deadlines are stored in MongoDB: a deadline scheduled by one service instance fires from a new instance (as after
 * a restart) once the clock has passed it; a scheduling command that is refused leaves no deadline behind.
 */
@TestPropertySource(properties = "norrort.deadlines.poll-interval=1h")
@Import(DurableDeadlineTest.MovableClockConfiguration.class)
class DurableDeadlineTest extends CommandApiTestBase {

    /** A clock the test moves forward. */
    static final class MovableClock extends Clock {
        private volatile Instant now = Instant.now();

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @TestConfiguration
    static class MovableClockConfiguration {
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }

    @Autowired
    MovableClock clock;

    @Autowired
    MongoDatabase database;

    @Autowired
    org.axonframework.config.Configuration axon;

    @Autowired
    Serializer serializer;

    @Test
    void givenAnOpenedApplication_whenTheJoiningDeadlinePassesAndANewInstancePolls_thenJoiningClosedByTheSystem() {
        String id = "deadline-app";
        open(id);
        List<Document> stored = database.getCollection("deadlines")
                .find(Filters.eq("scopeId", id))
                .into(new java.util.ArrayList<>());
        assertThat(stored).extracting(d -> d.getString("name")).containsExactly("joining-deadline");

        MongoDeadlineManager afterRestart =
                new MongoDeadlineManager(database, new ConfigurationScopeAwareProvider(axon), serializer, clock);
        assertThat(afterRestart.fireDue()).as("nothing is due yet").isZero();

        clock.advance(Duration.ofDays(365 * 6));
        int fired = 0;
        for (int batch = afterRestart.fireDue(); batch > 0; batch = afterRestart.fireDue()) {
            fired += batch; // other tests in this database leave due deadlines too, in batches of 100
        }
        assertThat(fired).isPositive();

        List<StoredEvent> stream = eventLog.readStream(id, 0, 100);
        StoredEvent closed = stream.get(stream.size() - 1);
        assertThat(closed.payloadType()).isEqualTo("JoiningClosed");
        assertThat(closed.metadata()).contains("\"actorRole\":\"SYSTEM\"");
        assertThat(database.getCollection("deadlines").countDocuments(Filters.eq("scopeId", id)))
                .isZero();
        assertThat(eventLog.readStream(id, 0, 100))
                .as("a fired deadline fires once")
                .hasSize(stream.size());
        afterRestart.fireDue();
        assertThat(eventLog.readStream(id, 0, 100)).hasSize(stream.size());
    }

    @Test
    void givenARefusedOpen_whenItWouldHaveScheduledADeadline_thenNoDeadlineIsLeftBehind() {
        String id = "deadline-dup";
        open(id);
        post("/api/applications", "0191")
                .bodyValue(openBody(id))
                .exchange()
                .expectStatus()
                .isEqualTo(409);

        assertThat(database.getCollection("deadlines").countDocuments(Filters.eq("scopeId", id)))
                .isEqualTo(1);
    }
}
