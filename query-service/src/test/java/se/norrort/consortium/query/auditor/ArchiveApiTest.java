package se.norrort.consortium.query.auditor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import se.norrort.consortium.api.values.Actor;
import se.norrort.consortium.archive.ArchiveStory;
import se.norrort.consortium.archive.SipValidation;
import se.norrort.consortium.archive.SipZip;
import se.norrort.consortium.eventstore.chain.CommitSealer;
import se.norrort.consortium.eventstore.chain.HashChain;
import se.norrort.consortium.security.TestTokens;
import se.norrort.consortium.story.NorrortStory;

/**
 * {@code GET /api/applications/{id}/export} over HTTP against the real store: an auditor downloads an E-ARK SIP that
 * commons-ip2's validator accepts, holding the stored events and the attached document; the download is recorded in
 * the access log; the package's working files are gone afterwards.
 */
class ArchiveApiTest extends AuditorApiTestBase {

    private static final String ZIP = "application/zip";

    /** Seals the story's commits as the command-service would. */
    @Autowired
    CommitSealer sealer;

    private EntityExchangeResult<byte[]> download(String id) {
        return web.mutate()
                .codecs(c -> c.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                .build()
                .get()
                .uri("/api/applications/" + id + "/export")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType(ZIP)
                .expectHeader()
                .valueEquals("Content-Disposition", "attachment; filename=\"" + id + ".sip.zip\"")
                .expectBody()
                .returnResult();
    }

    @Test
    void givenAnAuditor_whenDownloadingTheArchive_thenAValidEarkSipWithTheWholeHistoryAndTheDocument()
            throws IOException {
        ArchiveStory.Recorded story = ArchiveStory.record(database, "arc-1", sealer);

        EntityExchangeResult<byte[]> result = download("arc-1");

        byte[] zip = result.getResponseBody();
        assertThat(result.getResponseHeaders().getContentLength()).isEqualTo(zip.length);
        assertThat(result.getResponseHeaders().getFirst("Norrort-Sip-Validation"))
                .startsWith("VALID");
        Path file = Files.createTempFile("arc-1-", ".sip.zip");
        try {
            Files.write(file, zip);
            SipValidation.Verdict verdict = SipValidation.validate(file);
            assertThat(verdict.valid()).as(verdict.failures().toString()).isTrue();
        } finally {
            Files.delete(file);
        }
        SipZip sip = SipZip.read(zip);
        assertThat(sip.packageId())
                .isEqualTo(result.getResponseHeaders().getFirst("Norrort-Package-Id"))
                .startsWith("norrort-arc-1-");
        assertThat(sip.text("representations/rep1/data/events.jsonl").lines()).hasSize(ArchiveStory.EVENTS);
        assertThat(sip.bytes("representations/rep1/data/documents/" + ArchiveStory.documentId("arc-1") + "/"
                        + ArchiveStory.DOCUMENT_SAFE_NAME))
                .isEqualTo(ArchiveStory.DOCUMENT);
        String report = sip.text("documentation/report.html");
        assertThat(report)
                .contains(HashChain.head(story.events()))
                .contains("Hashkedjan verifierar: alla 12 händelser")
                .contains("Rut Revisor (revisor, revisor)");
        assertThat(sip.text("METS.xml")).contains("<name>Rut Revisor</name>");
    }

    @Test
    void givenADownload_thenItIsRecordedInTheAccessLog_andItsWorkingFilesAreGone() throws Exception {
        ArchiveStory.record(database, "arc-log", sealer);
        Set<String> before = workingFolders();

        download("arc-log");

        List<Document> records = database.getCollection(AccessLog.COLLECTION)
                .find(new Document("applicationId", "arc-log"))
                .into(new ArrayList<>());
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.getString("action")).isEqualTo("export");
            assertThat(r.getString("actorId")).isEqualTo("revisor");
            assertThat(r.getString("actorRole")).isEqualTo("AUDITOR");
            assertThat(r.getDate("at").toInstant()).isAfter(Instant.now().minusSeconds(60));
        });
        await("the export's working folders removed")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(workingFolders()).isSubsetOf(before));
    }

    @Test
    void givenAnUnknownOrImpossibleApplication_thenProblems() {
        web.get()
                .uri("/api/applications/arc-unknown/export")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("APPLICATION_NOT_FOUND")
                .jsonPath("$.status")
                .isEqualTo(404);
        web.get()
                .uri("/api/applications/{id}/export", "not an id")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVALID_REQUEST");
    }

    @Test
    void givenSomeoneWhoIsNotAnAuditor_thenTheArchiveIsRefused_andNothingIsRecorded() {
        ArchiveStory.record(database, "arc-deny", sealer);
        for (String token : List.of(
                TestTokens.officer("0191"),
                TestTokens.officer("0162"),
                token(NorrortStory.FUNDER),
                token(NorrortStory.signatory(NorrortStory.DANDERYD)),
                TestTokens.token("ops", "Olle Operator", "OPERATOR", null))) {
            anonymous
                    .get()
                    .uri("/api/applications/arc-deny/export")
                    .headers(h -> h.setBearerAuth(token))
                    .exchange()
                    .expectStatus()
                    .isForbidden()
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("ROLE_NOT_ALLOWED");
        }
        anonymous
                .get()
                .uri("/api/applications/arc-deny/export")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        assertThat(database.getCollection(AccessLog.COLLECTION)
                        .countDocuments(new Document("applicationId", "arc-deny")))
                .isZero();
    }

    @Test
    void givenTheOpenApiDocument_thenTheArchiveEndpointIsListedAsAZipDownload() {
        anonymous
                .get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.paths['/api/applications/{applicationId}/export'].get.responses['200'].content['" + ZIP
                        + "']")
                .exists();
    }

    private static Set<String> workingFolders() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> name.startsWith("norrort-archive-") || name.startsWith("EARKSIP"))
                    .collect(Collectors.toSet());
        }
    }

    /** A token for one of the story's people. */
    private static String token(Actor actor) {
        return TestTokens.token(
                actor.personId().value(),
                actor.displayName(),
                actor.role().name(),
                actor.municipality() == null ? null : actor.municipality().value());
    }
}
