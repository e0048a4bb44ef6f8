package dev.adsbridge.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@code mcp --stdio} configures logback in code ({@link StdioLogging}) and every other role from the launcher's
 * {@code logback.xml}: both must say the same (filters, appender, pattern, pinned levels), and the code only runs when
 * the stdio path asks for it.
 */
class StdioLoggingTest {

    /** What a configured context does, in comparable form. */
    private static Map<String, Object> described(LoggerContext context) {
        Map<String, Object> out = new TreeMap<>();
        out.put("turbo filters", context.getTurboFilterList().stream().map(f -> f.getClass().getName()).toList());
        Map<String, String> levels = new TreeMap<>();
        for (Logger logger : context.getLoggerList()) {
            if (logger.getLevel() != null) {
                levels.put(logger.getName(), logger.getLevel().toString());
            }
        }
        out.put("levels", levels);
        List<String> appenders = new ArrayList<>();
        for (var it = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders(); it.hasNext(); ) {
            Appender<ILoggingEvent> appender = it.next();
            String text = appender.getName() + " " + appender.getClass().getName();
            if (appender instanceof ConsoleAppender<ILoggingEvent> console) {
                text += " " + console.getTarget() + " "
                        + ((PatternLayoutEncoder) console.getEncoder()).getPattern() + " " + console.isStarted();
            }
            appenders.add(text);
        }
        out.put("root appenders", appenders);
        return out;
    }

    @Test
    void theCodeSaysWhatLogbackXmlSays() throws Exception {
        LoggerContext fromXml = new LoggerContext();
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(fromXml);
        joran.doConfigure(Main.class.getResource("/logback.xml"));
        LoggerContext fromCode = new LoggerContext();
        StdioLogging.apply(fromCode);

        assertThat(described(fromCode)).isEqualTo(described(fromXml));
        assertThat(described(fromCode).get("turbo filters").toString()).contains("LogRedaction");
    }

    @Test
    void withoutTheStdioPathLogbackReadsTheXmlAsBefore() {
        System.clearProperty(StdioLogging.PROPERTY);
        LoggerContext context = new LoggerContext();
        StdioLogging logging = new StdioLogging();
        logging.setContext(context);
        assertThat(logging.configure(context)).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(context.getTurboFilterList()).isEmpty();
        System.setProperty(StdioLogging.PROPERTY, "true");
        try {
            assertThat(logging.configure(context)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
            assertThat(context.getTurboFilterList()).hasSize(1);
        } finally {
            System.clearProperty(StdioLogging.PROPERTY);
        }
    }
}
