package dev.adsbridge.launcher;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import dev.adsbridge.console.LogRedaction;
import org.slf4j.Logger;

/**
 * The launcher's {@code logback.xml} written in code, for {@code mcp --stdio}: a desktop agent starts that server for
 * every session and waits for its first answer, and reading the XML (a SAX parser and logback's Joran model, some 650
 * classes) took about 75 ms of it. Registered with logback as a {@link Configurator} (META-INF/services); it acts only
 * when the launcher's stdio path asked for it ({@link #PROPERTY}, set before the first logger) and no
 * {@code logback.configurationFile} is given; otherwise logback reads {@code logback.xml} as before.
 * {@code StdioLoggingTest} checks that both configure logback alike.
 */
public final class StdioLogging extends ContextAwareBase implements Configurator {

    /** System property the launcher sets on the stdio path: configure logging in code. */
    static final String PROPERTY = "adsbridge.logging.in-code";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (!Boolean.getBoolean(PROPERTY) || System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        apply(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** What logback.xml says: secrets masked, everything to stderr, the loggers that would print credentials pinned. */
    static void apply(LoggerContext context) {
        LogRedaction redaction = new LogRedaction();
        redaction.setContext(context);
        redaction.start();
        context.addTurboFilter(redaction);

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();

        context.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
        context.getLogger("io.modelcontextprotocol").setLevel(Level.INFO);
        context.getLogger("sun.net.www.protocol.http").setLevel(Level.INFO);
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        // ${LOG_LEVEL:-INFO}: a system property, else the environment; a value logback does not know stays INFO.
        String level = System.getProperty("LOG_LEVEL", System.getenv("LOG_LEVEL"));
        root.setLevel(Level.toLevel(level == null || level.isBlank() ? "INFO" : level.strip(), Level.INFO));
        root.addAppender(stderr);
    }
}
