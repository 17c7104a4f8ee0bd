package se.norrort.consortium.archive;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.net.URL;

/**
 * Keeps the logging configuration commons-ip2 ships ({@code logback.xml} in its jar: DEBUG to
 * {@code ./commons-ip.log.txt}, nothing to the console) from being used, in code, so that no application needs a
 * {@code logback.xml} of its own to shadow it (ADR 0018). Logback finds this class through
 * {@code META-INF/services} and asks it before its default lookup: when the first {@code logback.xml} on the class
 * path is commons-ip2's (and no {@code logback-test.xml} or {@code -Dlogback.configurationFile} is given), it logs
 * INFO and above to the console and stops the lookup there; otherwise it leaves logging to Logback's defaults.
 * Spring Boot applications reconfigure logging at start-up from {@code logging.config} anyway.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_LOW_PRIORITY)
public final class ArchiveLogging extends ContextAwareBase implements Configurator {

    static final String PATTERN = "%d{HH:mm:ss.SSS} [%thread] %-5level %logger{36} -- %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        return configure(context, ArchiveLogging.class.getClassLoader());
    }

    ExecutionStatus configure(LoggerContext context, ClassLoader loader) {
        if (!commonsIp2ConfigurationWouldBeUsed(loader)) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("CONSOLE");
        console.setEncoder(encoder);
        console.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    static boolean commonsIp2ConfigurationWouldBeUsed(ClassLoader loader) {
        if (System.getProperty("logback.configurationFile") != null || loader.getResource("logback-test.xml") != null) {
            return false;
        }
        URL found = loader.getResource("logback.xml");
        return found != null && found.toString().contains("commons-ip2");
    }
}
