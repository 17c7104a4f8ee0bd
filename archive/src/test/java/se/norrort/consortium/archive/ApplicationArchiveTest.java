package se.norrort.consortium.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.norrort.consortium.eventstore.StoredEvent;
import se.norrort.consortium.eventstore.TestMongo;
import se.norrort.consortium.eventstore.axon.StoredEventReader;
import se.norrort.consortium.eventstore.chain.HashChain;
import se.norrort.consortium.eventstore.documents.DocumentBucket;
import se.norrort.consortium.story.NorrortStory;

/**
 * The export against the real store (the embedded server, or {@code MONGODB_URI}), checked by commons-ip2's own E-ARK
 * validator, and by reading the package back: the events as stored with their chain hashes, the document's bytes,
 * the report and the descriptive metadata.
 */
class ApplicationArchiveTest {

    private static final Instant EXPORTED_AT = Instant.parse("2026-11-27T10:15:30Z");
    private static final ExportedBy RUT = new ExportedBy("rut.revisor", "Rut Revisor", "AUDITOR");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static MongoDatabase database;
    private static ArchiveStory.Recorded story;
    private static ApplicationArchive archive;

    @TempDir
    Path folder;

    @BeforeAll
    static void recordTheStory() {
        database = TestMongo.freshDatabase();
        story = ArchiveStory.record(database, "norrort-gemensam-resurs");
        archive = new ApplicationArchive(
                database, StoredEventReader.ofContract(), Clock.fixed(EXPORTED_AT, ZoneOffset.UTC));
    }

    private ApplicationArchive.Exported export(String applicationId) {
        return archive.export(applicationId, RUT, folder.resolve(applicationId + ".sip.zip"))
                .orElseThrow();
    }

    @Test
    void givenARealisticHistory_whenExported_thenCommonsIp2sEarkValidatorReportsThePackageValid() {
        ApplicationArchive.Exported exported = export("norrort-gemensam-resurs");

        SipValidation.Verdict verdict = SipValidation.validate(exported.file());
        System.out.println("commons-ip2 E-ARK validator: " + verdict.summary() + " " + verdict.failures());
        assertThat(verdict.valid()).as(verdict.failures().toString()).isTrue();
        assertThat(verdict.errors()).isZero();
        assertThat(verdict.passed()).isPositive();
        assertThat(verdict.report()).contains("\"result\" : \"VALID\"");
        assertThat(exported.validation().valid()).isTrue();
        assertThat(exported.events()).isEqualTo(ArchiveStory.EVENTS);
        assertThat(exported.chain().ok()).isTrue();
        assertThat(exported.documents()).isEqualTo(1);
        assertThat(exported.documentsNotOk()).isZero();
        assertThat(exported.packageId()).isEqualTo("norrort-norrort-gemensam-resurs-20261127T101530Z");
    }

    @Test
    void givenAPackageBrokenOnPurpose_thenTheValidatorReportsItInvalid() {
        SipZip sip = SipZip.read(export("norrort-gemensam-resurs").file());

        Path corrupted = sip.copyChanged(
                folder.resolve("corrupted.zip"),
                (path, bytes) -> path.endsWith(ArchiveStory.DOCUMENT_SAFE_NAME)
                        ? "tampered".getBytes(StandardCharsets.UTF_8)
                        : bytes);
        SipValidation.Verdict checksum = SipValidation.validate(corrupted);
        assertThat(checksum.valid()).isFalse();
        assertThat(checksum.errors()).isPositive();
        assertThat(checksum.report()).contains("\"result\" : \"INVALID\"");

        Path withoutMets = sip.copyChanged(
                folder.resolve("without-mets.zip"), (path, bytes) -> path.equals("METS.xml") ? null : bytes);
        SipValidation.Verdict noMets = SipValidation.validate(withoutMets);
        assertThat(noMets.valid()).isFalse();
        assertThat(noMets.failures()).isNotEmpty();
    }

    @Test
    void givenTheExport_thenEventsJsonlHoldsEveryStoredEventInOrder_asStored_withItsChainHash() throws Exception {
        SipZip sip = SipZip.read(export("norrort-gemensam-resurs").file());

        List<String> lines =
                sip.text("representations/rep1/data/events.jsonl").lines().toList();

        assertThat(lines).hasSize(ArchiveStory.EVENTS);
        List<StoredEvent> fromFile = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = JSON.readTree(lines.get(i));
            StoredEvent stored = story.events().get(i);
            String chainHash = HashChain.storedHash(stored).orElseThrow();
            assertThat(line.get("sequence").asLong()).isEqualTo(i);
            assertThat(line.get("position").asLong()).isEqualTo(stored.position());
            assertThat(line.get("eventId").asText()).isEqualTo(stored.eventId());
            assertThat(line.get("type").asText()).isEqualTo(stored.payloadType());
            assertThat(line.get("timestamp").asText())
                    .isEqualTo(stored.timestamp().toString());
            assertThat(line.get("chainHash").asText()).isEqualTo(chainHash);
            assertThat(line.get("metadata").get("chainHash").asText()).isEqualTo(chainHash);
            assertThat(line.get("payload")).isEqualTo(JSON.readTree(stored.payload()));
            fromFile.add(new StoredEvent(
                    line.get("position").asLong(),
                    line.get("eventId").asText(),
                    null,
                    line.get("applicationId").asText(),
                    line.get("sequence").asLong(),
                    Instant.parse(line.get("timestamp").asText()),
                    line.get("type").asText(),
                    line.get("revision").isNull() ? null : line.get("revision").asText(),
                    line.get("payload").toString(),
                    line.get("metadata").toString()));
        }
        assertThat(JSON.readTree(lines.get(0)).get("type").asText()).isEqualTo("ApplicationOpened");
        assertThat(JSON.readTree(lines.get(0)).get("revision").asText()).isEqualTo("2");
        // the file alone is enough to recompute the chain
        assertThat(HashChain.verify(fromFile)).isEmpty();
        assertThat(HashChain.head(fromFile)).isEqualTo(HashChain.head(story.events()));
    }

    @Test
    void givenTheExport_thenTheDocumentIsThereWithItsBytes_andTheMetsChecksumIsItsSha256() {
        SipZip sip = SipZip.read(export("norrort-gemensam-resurs").file());
        String path = "data/documents/" + ArchiveStory.documentId("norrort-gemensam-resurs") + "/"
                + ArchiveStory.DOCUMENT_SAFE_NAME;

        byte[] bytes = sip.bytes("representations/rep1/" + path);

        assertThat(bytes).isEqualTo(ArchiveStory.DOCUMENT);
        assertThat(ArchiveStory.sha256(bytes)).isEqualTo(story.documentSha256());
        String mets = sip.text("representations/rep1/METS.xml");
        Matcher file = Pattern.compile("<file [^>]*CHECKSUM=\"([0-9A-F]{64})\" CHECKSUMTYPE=\"SHA-256\">\\s*"
                        + "<FLocat [^>]*xlink:href=\"" + Pattern.quote(path) + "\"")
                .matcher(mets);
        assertThat(file.find()).as(mets).isTrue();
        assertThat(file.group(1).toLowerCase(Locale.ROOT)).isEqualTo(story.documentSha256());
        String eventsChecksum = ArchiveStory.sha256(sip.bytes("representations/rep1/data/events.jsonl"));
        assertThat(mets).contains("CHECKSUM=\"" + eventsChecksum.toUpperCase(Locale.ROOT) + "\"");
    }

    @Test
    void givenTheExport_thenTheReportTellsTheWholeStory() {
        ApplicationArchive.Exported exported = export("norrort-gemensam-resurs");
        String report = SipZip.read(exported.file()).text("documentation/report.html");

        assertThat(report)
                .startsWith("<!DOCTYPE html>")
                .contains("<meta charset=\"utf-8\">")
                .contains("<html lang=\"sv\">")
                .doesNotContain("<script")
                .doesNotContain("http://")
                .doesNotContain("https://");
        assertThat(report)
                .contains("Gemensam resurs i Norrort för rådgivning &amp; ansökan om externa medel")
                .contains("Sigtuna (0191)")
                .contains("Länsstyrelsen i Stockholms län")
                .contains("§ 37 förordningen (2010:1122)")
                .contains("2024-01-01 – 2025-12-31")
                .contains("4 000 000 kr");
        String membership = table(report, "membership");
        assertThat(rows(membership)).hasSize(1 + 15);
        assertThat(row(membership, "Danderyd (0162)"))
                .contains("<td>Ansluten</td>")
                .contains("Socialnämnden § 45, sammanträde 2023-09-12 (omedelbart justerad)")
                .contains("<td>2023-10-04</td>")
                .contains(NorrortStory.signatoryName(NorrortStory.DANDERYD) + " (socialdirektör)")
                .contains("2023-10-05 11:00");
        assertThat(row(membership, "Täby (0160)"))
                .contains("<td>Ansluten</td>")
                .contains("Socialnämnden § 45, sammanträde 2023-09-12, anslagen" + " 2023-09-13")
                .contains("<td>2023-10-04</td>");
        assertThat(row(membership, "Solna (0184)")).contains("<td>Avböjt</td>").contains(NorrortStory.DECLINE_REASON);
        assertThat(row(membership, "Lidingö (0186)")).contains("<td>Inbjuden, inget beslut</td>");
        assertThat(row(membership, "Sigtuna (0191)"))
                .contains(NorrortStory.signatoryName(NorrortStory.SIGTUNA) + " (socialdirektör)");

        String decisions = table(report, "decisions");
        assertThat(rows(decisions)).hasSize(1 + 6);
        assertThat(row(
                        decisions,
                        "Delegering av undertecknande till " + NorrortStory.signatoryName(NorrortStory.SIGTUNA)))
                .contains("Socialnämnden § 46")
                .contains(NorrortStory.officer(NorrortStory.SIGTUNA).displayName());
        String delegations = table(report, "delegations");
        assertThat(row(delegations, "delegation-0162"))
                .contains("Danderyd (0162), Socialnämnden")
                .contains(NorrortStory.signatoryName(NorrortStory.DANDERYD) + " (socialdirektör)")
                .contains("Socialnämnden § 46")
                .contains(NorrortStory.SCOPE)
                .contains("<td>2025-12-31</td>")
                .contains("2023-09-21 11:00 av "
                        + NorrortStory.officer(NorrortStory.DANDERYD).displayName());
        assertThat(row(delegations, "delegation-0191")).contains("<td>Tills vidare</td>");
        String signatures = table(report, "signatures");
        assertThat(rows(signatures)).hasSize(1 + 2);
        assertThat(row(signatures, "Danderyd (0162)"))
                .contains("delegation-0162 (Socialnämnden § 46")
                .contains(NorrortStory.signatoryName(NorrortStory.DANDERYD) + " (undertecknare med delegering, 0162)");

        String award = table(report, "award");
        assertThat(award)
                .contains("<td class=\"amount\">3 200 000 kr</td>")
                .contains(NorrortStory.CASE_NUMBER)
                .contains("2023-12-14")
                .contains("Medlen ska redovisas &lt;i&gt;enligt&lt;/i&gt; beslutet &amp; villkoren");
        assertThat(table(report, "reports"))
                .contains("Delredovisning")
                .contains("2025-01-31")
                .contains("Slutredovisning")
                .contains("2026-03-31");
        assertThat(table(report, "documents"))
                .contains(ArchiveStory.DOCUMENT_FILE_NAME)
                .contains(story.documentSha256())
                .contains("Innehållet stämmer med kontrollsumman");
        String verification = table(report, "verification");
        assertThat(verification)
                .contains("<td>12</td>")
                .contains(HashChain.head(story.events()))
                .contains("Hashkedjan verifierar: alla 12 händelser");
        assertThat(table(report, "export"))
                .contains("Rut Revisor (rut.revisor, revisor)")
                .contains("2026-11-27 11:15 (2026-11-27T10:15:30Z)")
                .contains(exported.packageId());
    }

    @Test
    void givenTheExport_thenTheMetsHeaderAndTheDescriptiveMetadataDescribeTheApplication() {
        SipZip sip = SipZip.read(export("norrort-gemensam-resurs").file());

        String mets = sip.text("METS.xml");
        assertThat(mets)
                .contains("OBJID=\"" + sip.packageId() + "\"")
                .contains("csip:CONTENTINFORMATIONTYPE=\"OTHER\"")
                .contains("csip:OTHERCONTENTINFORMATIONTYPE=\"" + ApplicationArchive.CONTENT_INFORMATION_TYPE + "\"")
                .contains("PROFILE=\"https://earksip.dilcis.eu/profile/E-ARK-SIP-v2-1-0.xml\"")
                .contains("csip:OAISPACKAGETYPE=\"SIP\"")
                .contains("<name>Norrort Consortium</name>")
                .contains("<name>Sigtuna</name>")
                .contains("ROLE=\"ARCHIVIST\" TYPE=\"ORGANIZATION\"")
                .contains("<name>Rut Revisor</name>")
                .contains("MDTYPE=\"DC\"");
        String dc = sip.text("metadata/descriptive/dc.xml");
        assertThat(dc)
                .contains("<dc:title>Gemensam resurs i Norrort för rådgivning &amp; ansökan om externa medel"
                        + "</dc:title>")
                .contains("<dc:identifier>norrort-gemensam-resurs</dc:identifier>")
                .contains("<dc:identifier>Länsstyrelsen i Stockholms län dnr " + NorrortStory.CASE_NUMBER)
                .contains("<dc:creator>Sigtuna (projektägare)</dc:creator>")
                .contains("<dc:contributor>Danderyd</dc:contributor>")
                .contains("<dc:contributor>Täby</dc:contributor>")
                .doesNotContain("<dc:contributor>Solna</dc:contributor>")
                .contains("<dc:date>2023-09-01</dc:date>")
                .contains("<dc:date>2023-12-14</dc:date>")
                .contains("<dc:coverage>2024-01-01/2025-12-31</dc:coverage>");
        assertThat(sip.text("representations/rep1/metadata/preservation/chain-verification.json"))
                .contains("\"ok\" : true")
                .contains(HashChain.head(story.events()));
        assertThat(sip.text("representations/rep1/schemas/events.schema.json")).contains("chainHash");
    }

    @Test
    void givenTheSameHistoryExportedTwice_thenOnlyTheExportsOwnFactsDiffer() {
        ApplicationArchive later = new ApplicationArchive(
                database, StoredEventReader.ofContract(), Clock.fixed(EXPORTED_AT.plusSeconds(3600), ZoneOffset.UTC));
        SipZip first = SipZip.read(export("norrort-gemensam-resurs").file());
        SipZip second = SipZip.read(later.export("norrort-gemensam-resurs", RUT, folder.resolve("again.zip"))
                .orElseThrow()
                .file());

        assertThat(second.bytes("representations/rep1/data/events.jsonl"))
                .isEqualTo(first.bytes("representations/rep1/data/events.jsonl"));
        assertThat(second.text("metadata/descriptive/dc.xml")).isEqualTo(first.text("metadata/descriptive/dc.xml"));
        String exportSection = "<h2>Export</h2>";
        String firstReport = first.text("documentation/report.html");
        String secondReport = second.text("documentation/report.html");
        assertThat(secondReport.substring(0, secondReport.indexOf(exportSection)))
                .isEqualTo(firstReport.substring(0, firstReport.indexOf(exportSection)));
        assertThat(second.packageId()).isNotEqualTo(first.packageId());
    }

    @Test
    void givenAnApplicationWithNoStoredEvents_thenNothingIsExported() {
        Path target = folder.resolve("nothing.sip.zip");

        assertThat(archive.export("no-such-application", RUT, target)).isEmpty();
        assertThat(target).doesNotExist();
    }

    @Test
    void givenASealedHistory_thenEveryCommitsSealIsInThePackage_andChecksWithTheKeyThePackageCarries()
            throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        java.security.KeyPair pair = generator.generateKeyPair();
        MongoDatabase own = TestMongo.freshDatabase();
        ArchiveStory.record(
                own,
                "sealed",
                se.norrort.consortium.eventstore.chain.RsaCommitSeals.sealer("service-2026", pair.getPrivate()));
        ApplicationArchive sealedArchive = new ApplicationArchive(
                own,
                StoredEventReader.ofContract(),
                se.norrort.consortium.eventstore.chain.RsaCommitSeals.verifier(
                        java.util.Map.of("service-2026", pair.getPublic())),
                Clock.fixed(EXPORTED_AT, ZoneOffset.UTC));

        ApplicationArchive.Exported exported = sealedArchive
                .export("sealed", RUT, folder.resolve("sealed.zip"))
                .orElseThrow();
        assertThat(exported.validation().valid())
                .as(exported.validation().failures().toString())
                .isTrue();
        assertThat(exported.chain().ok()).isTrue();
        SipZip sip = SipZip.read(exported.file());

        // Only the package: the public key from chain-verification.json, the seals from events.jsonl, plain JDK.
        JsonNode verification =
                JSON.readTree(sip.text("representations/rep1/metadata/preservation/chain-verification.json"));
        assertThat(verification.get("sealsChecked").asBoolean()).isTrue();
        JsonNode jwk = verification.get("sealKeys").get(0);
        assertThat(jwk.get("kid").asText()).isEqualTo("service-2026");
        java.security.PublicKey key = java.security.KeyFactory.getInstance("RSA")
                .generatePublic(new java.security.spec.RSAPublicKeySpec(
                        new java.math.BigInteger(
                                1,
                                java.util.Base64.getUrlDecoder()
                                        .decode(jwk.get("n").asText())),
                        new java.math.BigInteger(
                                1,
                                java.util.Base64.getUrlDecoder()
                                        .decode(jwk.get("e").asText()))));
        List<String> lines =
                sip.text("representations/rep1/data/events.jsonl").lines().toList();
        int sealed = 0;
        for (String text : lines) {
            JsonNode line = JSON.readTree(text);
            JsonNode seal = line.get("seal");
            if (seal == null) {
                continue;
            }
            java.security.Signature rs256 = java.security.Signature.getInstance("SHA256withRSA");
            rs256.initVerify(key);
            rs256.update(se.norrort.consortium.eventstore.chain.CommitSeal.statement(
                    line.get("applicationId").asText(), line.get("sequence").asLong(),
                    line.get("chainHash").asText(), seal.get("kid").asText()));
            assertThat(rs256.verify(java.util.Base64.getUrlDecoder()
                            .decode(seal.get("sig").asText())))
                    .as("seal of sequence " + line.get("sequence"))
                    .isTrue();
            sealed++;
        }
        // the story stores one event per commit, so every line is the last of its commit
        assertThat(sealed).isEqualTo(ArchiveStory.EVENTS);
        // the report names the key and its RFC 7638 thumbprint, for comparison with the service's published key
        String thumbprint = new com.nimbusds.jose.jwk.RSAKey.Builder(
                        (java.security.interfaces.RSAPublicKey) pair.getPublic())
                .build()
                .computeThumbprint()
                .toString();
        assertThat(table(sip.text("documentation/report.html"), "verification"))
                .contains("service-2026")
                .contains(thumbprint);
        // the unsealed archive of the other tests carries no seals and no keys
        JsonNode unsealed =
                JSON.readTree(SipZip.read(export("norrort-gemensam-resurs").file())
                        .text("representations/rep1/metadata/preservation/chain-verification.json"));
        assertThat(unsealed.get("sealsChecked").asBoolean()).isFalse();
        assertThat(unsealed.get("sealKeys")).isEmpty();
    }

    @Test
    void givenATamperedHistoryAndAMissingDocument_thenThePackageStillHoldsEverything_andTheReportSaysSo()
            throws IOException {
        MongoDatabase own = TestMongo.freshDatabase();
        ArchiveStory.Recorded tampered = ArchiveStory.record(own, "tampered");
        Document commit = own.getCollection("events")
                .find(new Document("a", "tampered").append("f", 2L))
                .first();
        Document event = commit.getList("e", Document.class).get(0);
        event.put("p", event.getString("p").replace("§ 45", "§ 54"));
        own.getCollection("events").replaceOne(Filters.eq("_id", commit.get("_id")), commit);
        own.getCollection(DocumentBucket.BUCKET + ".files").deleteMany(new Document());
        Set<String> before = temporaryFolders();

        ApplicationArchive.Exported exported = new ApplicationArchive(
                        own, StoredEventReader.ofContract(), Clock.systemUTC())
                .export("tampered", RUT, folder.resolve("tampered.zip"))
                .orElseThrow();

        assertThat(exported.validation().valid())
                .as(exported.validation().failures().toString())
                .isTrue();
        assertThat(exported.chain().ok()).isFalse();
        assertThat(exported.chain().brokenAt().orElseThrow().sequence()).isEqualTo(2);
        assertThat(exported.events()).isEqualTo(ArchiveStory.EVENTS);
        assertThat(exported.documentsNotOk()).isEqualTo(1);
        SipZip sip = SipZip.read(exported.file());
        assertThat(sip.text("representations/rep1/data/events.jsonl").lines()).hasSize(ArchiveStory.EVENTS);
        String report = sip.text("documentation/report.html");
        assertThat(table(report, "verification"))
                .contains("Hashkedjan verifierar INTE: bruten vid händelse nr 2 (sekvens 2")
                .contains(HashChain.storedHash(tampered.events().get(1)).orElseThrow());
        assertThat(table(report, "documents")).contains("Innehållet saknas i lagret");
        assertThat(sip.entries().keySet()).noneMatch(name -> name.contains("/documents/"));
        // the working folders (ours and commons-ip2's) are gone
        assertThat(temporaryFolders()).isSubsetOf(before);
    }

    @Test
    void givenFileNamesOfAnyKind_thenThePackageUsesSafeOnes() {
        assertThat(DocumentContents.safeFileName("Protokoll Täby § 45.pdf", "d"))
                .isEqualTo("Protokoll_Taby_45.pdf");
        assertThat(DocumentContents.safeFileName("..\\..\\etc/passwd", "d")).isEqualTo("passwd");
        assertThat(DocumentContents.safeFileName("§§§", "doc-1")).isEqualTo("doc-1");
        assertThat(DocumentContents.safeFileName("METS.xml", "d")).isEqualTo("_METS.xml");
        assertThat(DocumentContents.safeFileName("a".repeat(300) + ".pdf", "d"))
                .hasSize(120)
                .endsWith(".pdf");
    }

    private static Set<String> temporaryFolders() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> name.startsWith("norrort-archive-") || name.startsWith("EARKSIP"))
                    .collect(Collectors.toSet());
        }
    }

    /** The HTML of the table with the given id. */
    static String table(String html, String id) {
        int start = html.indexOf("<table id=\"" + id + "\">");
        assertThat(start).as("table " + id).isNotNegative();
        return html.substring(start, html.indexOf("</table>", start));
    }

    static List<String> rows(String table) {
        return Pattern.compile("<tr>.*?</tr>")
                .matcher(table)
                .results()
                .map(r -> r.group())
                .toList();
    }

    /** The one row of the table that contains the text. */
    static String row(String table, String text) {
        List<String> matching =
                rows(table).stream().filter(r -> r.contains(text)).toList();
        assertThat(matching).as("rows with " + text).hasSize(1);
        return matching.get(0);
    }
}
