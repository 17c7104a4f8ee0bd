package se.norrort.consortium.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import se.norrort.consortium.security.ProblemExceptionHandler;
import se.norrort.consortium.security.RequestCorrelation;

/**
 * One correlation id from the request to its events and to the request's own log lines: the client's
 * {@code X-Correlation-Id}, or one the service makes up, answered in the response header either way.
 */
class RequestCorrelationApiTest extends CommandApiTestBase {

    @Test
    void givenNoCorrelationId_thenTheAnswerNamesANewOneAndEveryEventOfTheCommandCarriesIt() {
        String answered = post("/api/applications", "0191")
                .bodyValue(openBody("corr-1"))
                .exchange()
                .expectStatus()
                .isCreated()
                .returnResult(String.class)
                .getResponseHeaders()
                .getFirst(RequestCorrelation.HEADER);

        assertThat(answered).matches("[0-9a-f-]{36}");
        assertThat(allEvents())
                .filteredOn(e -> e.aggregateId().equals("corr-1"))
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.metadata()).contains("\"correlationId\":\"" + answered + "\""));
    }

    @Test
    void givenTheClientsCorrelationId_thenItIsAnsweredAndRecorded() {
        post("/api/applications", "0191")
                .header(RequestCorrelation.HEADER, "client-corr-2")
                .bodyValue(openBody("corr-2"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectHeader()
                .valueEquals(RequestCorrelation.HEADER, "client-corr-2");

        assertThat(allEvents())
                .filteredOn(e -> e.aggregateId().equals("corr-2"))
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.metadata()).contains("\"correlationId\":\"client-corr-2\""));
    }

    @Test
    void givenAnUnexpectedFailure_thenItsLogLineCarriesTheRequestsCorrelationId() {
        Logger logger = (Logger) LoggerFactory.getLogger(ProblemExceptionHandler.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try {
            var exchange = MockServerWebExchange.from(
                    MockServerHttpRequest.get("/api/anything").header(RequestCorrelation.HEADER, "corr-log-3"));
            WebFilterChain failing = served -> new ProblemExceptionHandler()
                    .handle(served, new IllegalStateException("boom"))
                    .then(Mono.empty());
            new RequestCorrelation().filter(exchange, failing).block();

            assertThat(lines.list)
                    .singleElement()
                    .satisfies(line -> assertThat(line.getMDCPropertyMap())
                            .containsEntry(RequestCorrelation.MDC_KEY, "corr-log-3"));
            assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(500);
        } finally {
            logger.detachAppender(lines);
        }
    }
}
