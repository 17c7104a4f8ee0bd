package se.norrort.consortium.eventstore.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.norrort.consortium.eventstore.StoredEvent;
import se.norrort.consortium.eventstore.TestEvents;

class HashChainTest {

    private static List<StoredEvent> chain(int n) {
        List<StoredEvent> events = new ArrayList<>();
        String previous = HashChain.GENESIS;
        for (int i = 0; i < n; i++) {
            StoredEvent sealed = HashChain.sealed(previous, TestEvents.event("app", i));
            events.add(sealed);
            previous = HashChain.storedHash(sealed).orElseThrow();
        }
        return events;
    }

    @Test
    void givenAnUntouchedChain_thenItVerifies() {
        assertThat(HashChain.verify(chain(5))).isEmpty();
    }

    @Test
    void givenAnEditedPayload_thenTheEditedEventIsTheBrokenLink() {
        List<StoredEvent> events = chain(5);
        StoredEvent e = events.get(2);
        events.set(
                2,
                new StoredEvent(
                        e.position(),
                        e.eventId(),
                        e.aggregateType(),
                        e.aggregateId(),
                        e.sequence(),
                        e.timestamp(),
                        e.payloadType(),
                        e.payloadRevision(),
                        e.payload().replace("}", ",\"x\":1}"),
                        e.metadata()));
        assertThat(HashChain.verify(events))
                .get()
                .extracting(HashChain.BrokenLink::index)
                .isEqualTo(2);
    }

    @Test
    void givenADeletedOrReorderedEvent_thenTheFirstDisplacedPositionIsReported() {
        List<StoredEvent> deleted = chain(5);
        deleted.remove(1);
        assertThat(HashChain.verify(deleted))
                .get()
                .extracting(HashChain.BrokenLink::index)
                .isEqualTo(1);

        List<StoredEvent> reordered = chain(5);
        StoredEvent third = reordered.remove(3);
        reordered.add(1, third);
        assertThat(HashChain.verify(reordered))
                .get()
                .extracting(HashChain.BrokenLink::index)
                .isEqualTo(1);
    }

    @Test
    void givenEventsFedOneByOne_thenTheVerifierCountsThemAndEndsAtTheHead_andStaysBrokenAfterTheFirstBreak() {
        List<StoredEvent> events = chain(4);
        HashChain.Verifier verifier = new HashChain.Verifier();
        events.forEach(e -> assertThat(verifier.accept(e)).isEmpty());
        assertThat(verifier.count()).isEqualTo(4);
        assertThat(verifier.head()).isEqualTo(HashChain.head(events));

        HashChain.Verifier skipping = new HashChain.Verifier();
        assertThat(skipping.accept(events.get(0))).isEmpty();
        HashChain.BrokenLink broken = skipping.accept(events.get(2)).orElseThrow();
        assertThat(broken.index()).isEqualTo(1);
        assertThat(broken.sequence()).isEqualTo(2);
        assertThat(skipping.accept(events.get(3))).contains(broken);
        assertThat(skipping.count()).isEqualTo(1);
        assertThat(skipping.broken()).contains(broken);
    }

    @Test
    void givenAStoredPayloadThatIsNotJson_thenThatEventIsTheBrokenLink_notAnError() {
        List<StoredEvent> events = chain(3);
        StoredEvent e = events.get(1);
        events.set(
                1,
                new StoredEvent(
                        e.position(),
                        e.eventId(),
                        e.aggregateType(),
                        e.aggregateId(),
                        e.sequence(),
                        e.timestamp(),
                        e.payloadType(),
                        e.payloadRevision(),
                        "{not json",
                        e.metadata()));
        assertThat(HashChain.verify(events))
                .get()
                .satisfies(b -> assertThat(b.index()).isEqualTo(1))
                .satisfies(b -> assertThat(b.reason()).contains("not valid JSON"));
    }

    @Test
    void givenKeyOrderOrWhitespaceChanges_thenTheCanonicalFormAndHashAreTheSame() throws Exception {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(HashChain.canonicalJson(mapper.readTree("{ \"b\": [1, {\"d\":2,\"c\":3}], \"a\": \"å\" }")))
                .isEqualTo("{\"a\":\"å\",\"b\":[1,{\"c\":3,\"d\":2}]}");
    }
}
