package dev.adsbridge.console.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Everything the JVM logs at DEBUG while it is open (dev.adsbridge, Spring, the MCP SDK; Jetty and the JDK HTTP client
 * stay at INFO as the app's properties keep them, since they would print raw traffic), and the lines that hold a
 * secret. {@link #close()} puts the levels back.
 */
public final class LogCapture implements AutoCloseable {

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Map<Logger, Level> before = new LinkedHashMap<>();
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();

    public LogCapture() {
        for (String name : List.of(org.slf4j.Logger.ROOT_LOGGER_NAME, "org.eclipse.jetty", "jdk.internal.httpclient",
                "dev.adsbridge", "org.springframework", "org.springframework.security", "io.modelcontextprotocol")) {
            before.put(context.getLogger(name), context.getLogger(name).getLevel());
        }
        captured.setContext(context);
        captured.start();
        root.addAppender(captured);
        root.setLevel(Level.DEBUG);
        for (String name : List.of("dev.adsbridge", "org.springframework", "org.springframework.security",
                "io.modelcontextprotocol")) {
            context.getLogger(name).setLevel(Level.DEBUG);
        }
        context.getLogger("org.eclipse.jetty").setLevel(Level.INFO);
        context.getLogger("jdk.internal.httpclient").setLevel(Level.INFO);
    }

    public List<ILoggingEvent> events() {
        return new ArrayList<>(captured.list);
    }

    /** Each captured line (message, MDC, exception messages) holding one of the secrets, the secret masked. */
    public List<String> leaks(List<String> secrets) {
        List<String> leaks = new ArrayList<>();
        for (ILoggingEvent event : events()) {
            StringBuilder text = new StringBuilder(event.getFormattedMessage() == null ? ""
                    : event.getFormattedMessage());
            event.getMDCPropertyMap().values().forEach(v -> text.append(' ').append(v));
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                text.append(' ').append(t.getClassName()).append(": ").append(t.getMessage());
            }
            for (String secret : secrets) {
                if (text.indexOf(secret) >= 0) {
                    leaks.add(event.getLoggerName() + " " + event.getLevel() + ": "
                            + text.toString().replace(secret, "<SECRET>"));
                }
            }
        }
        return leaks;
    }

    /** DEBUG logging was captured (more than 50 lines, some at DEBUG), and none of it holds a secret. */
    public void assertNoLeaks(List<String> secrets) {
        List<ILoggingEvent> events = events();
        org.assertj.core.api.Assertions.assertThat(events).as("DEBUG logging was captured").hasSizeGreaterThan(50);
        org.assertj.core.api.Assertions.assertThat(events).anySatisfy(e -> org.assertj.core.api.Assertions
                .assertThat(e.getLevel()).isEqualTo(Level.DEBUG));
        org.assertj.core.api.Assertions.assertThat(leaks(secrets)).isEmpty();
    }

    @Override
    public void close() {
        root.detachAppender(captured);
        captured.stop();
        before.forEach(Logger::setLevel);
    }
}
