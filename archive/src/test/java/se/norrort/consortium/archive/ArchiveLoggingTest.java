package se.norrort.consortium.archive;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/**
 * commons-ip2's {@code logback.xml} on the class path is never used: Logback asks ArchiveLogging first, which logs to
 * the console instead (the tests themselves run with event-store's {@code logback-test.xml}, which it leaves alone).
 */
class ArchiveLoggingTest {

    @Test
    void logbackFindsArchiveLoggingBeforeItsOwnLookup() {
        assertThat(ServiceLoader.load(Configurator.class).stream()
                        .map(provider -> provider.type().getName()))
                .contains(ArchiveLogging.class.getName());
    }

    @Test
    void whereCommonsIp2sLogbackXmlIsTheOneFound_thenTheConsoleAtInfoAndNoFile() throws Exception {
        URL commonsIp2 = getClass().getClassLoader().getResource("logback.xml");
        assertThat(commonsIp2).isNotNull();
        assertThat(commonsIp2.toString()).contains("commons-ip2");
        URL jar = URI.create(commonsIp2.toString().replaceFirst("^jar:", "").replaceFirst("!/logback.xml$", ""))
                .toURL();

        try (URLClassLoader onlyCommonsIp2 = new URLClassLoader(new URL[] {jar}, null)) {
            LoggerContext context = new LoggerContext();
            ExecutionStatus status = new ArchiveLogging().configure(context, onlyCommonsIp2);

            assertThat(status).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
            List<String> appenders = new ArrayList<>();
            context.getLogger(Logger.ROOT_LOGGER_NAME)
                    .iteratorForAppenders()
                    .forEachRemaining(
                            appender -> appenders.add(appender.getClass().getSimpleName()));
            assertThat(appenders).containsExactly("ConsoleAppender");
            assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).hasToString("INFO");
            context.stop();
        }
    }

    @Test
    void whereALogbackTestXmlIsThere_thenLogbacksOwnLookupDecides() {
        assertThat(getClass().getClassLoader().getResource("logback-test.xml")).isNotNull();
        LoggerContext context = new LoggerContext();

        assertThat(new ArchiveLogging().configure(context, getClass().getClassLoader()))
                .isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME)
                        .iteratorForAppenders()
                        .hasNext())
                .isFalse();
    }
}
