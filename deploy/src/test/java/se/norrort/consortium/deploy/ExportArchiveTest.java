package se.norrort.consortium.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.norrort.consortium.archive.ArchiveStory;
import se.norrort.consortium.archive.SipValidation;
import se.norrort.consortium.archive.SipZip;
import se.norrort.consortium.eventstore.TestMongo;
import se.norrort.consortium.eventstore.chain.HashChain;
import se.norrort.consortium.eventstore.chain.RsaCommitSeals;
import se.norrort.consortium.eventstore.embedded.EmbeddedMongo;
import se.norrort.consortium.security.LocalSigningKey;

/**
 * The launcher's {@code export} subcommand against a real store, with no service running: by connection string, and
 * from the embedded default's data file (opened directly while nothing holds it, read through the server that holds
 * it otherwise). The package it writes passes commons-ip2's E-ARK validator.
 */
class ExportArchiveTest {

    @TempDir
    Path folder;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int export(Map<String, String> env, Path dataDir, String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "export";
        System.arraycopy(args, 0, command, 1, args.length);
        return ExportArchive.run(
                command,
                env,
                dataDir,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void givenAStoreWithAnApplication_whenExporting_thenAValidPackageIsWritten_andTheVerdictPrinted() {
        String database = TestMongo.freshDatabaseName();
        ArchiveStory.Recorded story = ArchiveStory.record(TestMongo.client().getDatabase(database), "cli-1");
        Path target = folder.resolve("out/cli-1.sip.zip");

        int exit = export(
                Map.of(),
                folder,
                "--application",
                "cli-1",
                "--out",
                target.toString(),
                "--mongodb-uri",
                TestMongo.connectionString(),
                "--database",
                database,
                "--exported-by",
                "Rut Revisor");

        assertThat(exit).as(err()).isEqualTo(ExportArchive.OK);
        SipValidation.Verdict verdict = SipValidation.validate(target);
        assertThat(verdict.valid()).as(verdict.failures().toString()).isTrue();
        assertThat(out())
                .contains("Exported 12 events and 1 document to " + target)
                .contains(": VALID (E-ARK CSIP/SIP 2.1.0")
                .contains("Hash chain verified, head " + HashChain.head(story.events()));
        SipZip sip = SipZip.read(target);
        assertThat(sip.text("representations/rep1/data/events.jsonl").lines()).hasSize(ArchiveStory.EVENTS);
        assertThat(sip.text("documentation/report.html")).contains("Rut Revisor");
    }

    @Test
    void givenTheEnvironmentOfTheServices_thenTheStoreAndDatabaseComeFromIt() {
        String database = TestMongo.freshDatabaseName();
        ArchiveStory.record(TestMongo.client().getDatabase(database), "cli-env");
        Path target = folder.resolve("env.sip.zip");

        int exit = export(
                Map.of("MONGODB_URI", TestMongo.connectionString(), "NORRORT_DATABASE", database),
                folder,
                "--application",
                "cli-env",
                "--out",
                target.toString());

        assertThat(exit).as(err()).isEqualTo(ExportArchive.OK);
        assertThat(SipValidation.validate(target).valid()).isTrue();
    }

    @Test
    void givenTheEmbeddedDefaultsDataFile_thenItIsReadDirectlyWhenFree_andThroughItsServerWhenHeld() {
        Path dataDir = folder.resolve("data");
        try (EmbeddedMongo launcher = EmbeddedMongo.onFile(dataDir.resolve("norrort.mv"), "127.0.0.1", 0);
                MongoClient client = MongoClients.create(launcher.connectionString())) {
            ArchiveStory.record(client.getDatabase("norrort"), "cli-file");

            // the launcher holds the file: the export reads through it
            int exit = export(
                    Map.of("NORRORT_MONGO_PORT", Integer.toString(launcher.port())),
                    dataDir,
                    "--application",
                    "cli-file",
                    "--out",
                    folder.resolve("held.zip").toString());
            assertThat(exit).as(err()).isEqualTo(ExportArchive.OK);
            assertThat(SipValidation.validate(folder.resolve("held.zip")).valid())
                    .isTrue();
        }

        // the stack is stopped: the export opens the file itself
        int exit = export(
                Map.of("NORRORT_MONGO_PORT", "1"),
                dataDir,
                "--application",
                "cli-file",
                "--out",
                folder.resolve("stopped.zip").toString());
        assertThat(exit).as(err()).isEqualTo(ExportArchive.OK);
        SipValidation.Verdict verdict = SipValidation.validate(folder.resolve("stopped.zip"));
        assertThat(verdict.valid()).as(verdict.failures().toString()).isTrue();
    }

    @Test
    void givenTheServicesKeyFile_thenTheSealsAreChecked_andCommitsNotSealedWithItAreReported() throws Exception {
        String database = TestMongo.freshDatabaseName();
        Path keyFile = folder.resolve("keys/service.jwk.json");
        RSAKey key = LocalSigningKey.loadOrCreate(keyFile);
        ArchiveStory.record(
                TestMongo.client().getDatabase(database),
                "cli-sealed",
                RsaCommitSeals.sealer(key.getKeyID(), key.toRSAPrivateKey()));

        assertThat(export(
                        Map.of("NORRORT_SECURITY_KEY_FILE", keyFile.toString()),
                        folder,
                        "--application",
                        "cli-sealed",
                        "--out",
                        folder.resolve("sealed.zip").toString(),
                        "--mongodb-uri",
                        TestMongo.connectionString(),
                        "--database",
                        database))
                .as(err())
                .isEqualTo(ExportArchive.OK);
        assertThat(out()).contains("Hash chain verified");
        assertThat(err()).isEmpty();

        // recorded by an event log without a sealer, as someone writing straight into the database would
        ArchiveStory.record(TestMongo.client().getDatabase(database), "cli-unsealed");

        int exit = export(
                Map.of(),
                folder,
                "--application",
                "cli-unsealed",
                "--out",
                folder.resolve("unsealed.zip").toString(),
                "--mongodb-uri",
                TestMongo.connectionString(),
                "--database",
                database,
                "--key-file",
                keyFile.toString());

        assertThat(exit).as(err()).isEqualTo(ExportArchive.OK);
        assertThat(err())
                .contains("WARNING: the hash chain does not verify: the commit is not sealed by the"
                        + " command-service");
        assertThat(SipZip.read(folder.resolve("unsealed.zip"))
                        .text("representations/rep1/metadata/preservation/chain-verification.json"))
                .contains("\"sealsChecked\" : true")
                .contains("\"ok\" : false");
    }

    @Test
    void givenNoKeyFile_thenOnlyTheHashChainIsChecked_andTheExportSaysSo() {
        String database = TestMongo.freshDatabaseName();
        ArchiveStory.record(TestMongo.client().getDatabase(database), "cli-nokey");

        int exit = export(
                Map.of(),
                folder,
                "--application",
                "cli-nokey",
                "--out",
                folder.resolve("nokey.zip").toString(),
                "--mongodb-uri",
                TestMongo.connectionString(),
                "--database",
                database);

        assertThat(exit).as(err()).isEqualTo(ExportArchive.OK);
        assertThat(err()).contains("the commits' seals are not checked, only the hash chain");
        assertThat(out()).contains("Hash chain verified");
    }

    @Test
    void givenAnUnknownApplication_thenAClearMessageAndExitCode3_andNoFile() {
        Path target = folder.resolve("none.sip.zip");

        int exit = export(
                Map.of(),
                folder,
                "--application",
                "cli-nothing",
                "--out",
                target.toString(),
                "--mongodb-uri",
                TestMongo.connectionString(),
                "--database",
                TestMongo.freshDatabaseName());

        assertThat(exit).isEqualTo(ExportArchive.UNKNOWN_APPLICATION);
        assertThat(err()).contains("No events of application cli-nothing are stored in database 'norrort_test_");
        assertThat(target).doesNotExist();
    }

    @Test
    void givenAStoreThatDoesNotAnswer_thenAClearMessageAndExitCode4() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        int exit = export(
                Map.of(),
                folder,
                "--application",
                "cli-1",
                "--out",
                folder.resolve("x.zip").toString(),
                "--mongodb-uri",
                "mongodb://127.0.0.1:" + closedPort);

        assertThat(exit).isEqualTo(ExportArchive.STORE_UNREACHABLE);
        assertThat(err()).contains("Cannot reach the event store at mongodb://127.0.0.1:" + closedPort);
        assertThat(export(
                        Map.of(),
                        folder,
                        "--application",
                        "cli-1",
                        "--data-file",
                        folder.resolve("missing.mv").toString()))
                .isEqualTo(ExportArchive.STORE_UNREACHABLE);
        assertThat(err()).contains("No data file at");
    }

    @Test
    void theLauncherLogsWithItsOwnConfigurationNotCommonsIp2s() throws IOException {
        // commons-ip2 ships a logback.xml (DEBUG to ./commons-ip.log.txt); the archive module uses it repackaged
        // without that file (ADR 0029), so the one logback.xml the launcher has is its own
        List<URL> found = Collections.list(getClass().getClassLoader().getResources("logback.xml"));
        assertThat(found).singleElement().asString().doesNotContain("commons-ip2");
        assertThat(found.get(0).toString()).contains("deploy");
    }

    @Test
    void givenWrongArguments_thenUsageAndExitCode2() {
        assertThat(export(Map.of(), folder)).isEqualTo(ExportArchive.USAGE);
        assertThat(err()).contains("--application is required").contains("usage: export --application ID");
        assertThat(export(Map.of(), folder, "--application", "../etc")).isEqualTo(ExportArchive.USAGE);
        assertThat(export(Map.of(), folder, "--application", "a", "--colour", "red"))
                .isEqualTo(ExportArchive.USAGE);
        assertThat(err()).contains("unexpected argument --colour");
    }
}
