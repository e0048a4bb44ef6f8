package dev.adsbridge.console;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Marker;
import org.slf4j.helpers.MessageFormatter;

/**
 * A logback turbo filter that masks authorization credentials ({@code Bearer …}) and the values of secret query and
 * form parameters ({@code code}, {@code state},
 * {@code access_token}, {@code signed_request}, {@code client_secret}, ...) in every log message, whatever logger
 * writes it and at any level: Spring Security's and Spring MVC's DEBUG lines print request URIs with their query
 * strings, e.g. {@code /connect/callback?code=…&state=…}. A message holding such a parameter is written once, masked,
 * to the same appenders, and the original is dropped.
 *
 * <p>Installed by the console's {@code logback-spring.xml} and the launcher's {@code logback.xml}:
 * {@code <turboFilter class="dev.adsbridge.console.LogRedaction"/>}, and in code for the stdio MCP server (the
 * launcher's {@code StdioLogging}).
 */
public final class LogRedaction extends TurboFilter {

    static final String MASK = "[redacted]";

    /** {@code name=value} in a query string, form body or free text; the name not part of a longer word. */
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)(?<![A-Za-z0-9_.-])(code|code_verifier|state|access_token|refresh_token|id_token|client_secret|signed_request"
                    + "|fb_exchange_token|input_token|appsecret_proof|password|token|secret|_csrf)=([^&\\s\"'#<>,;]+)");

    /**
     * A credential after an HTTP authorization scheme ({@code Authorization: Bearer …}, {@code Basic …}): the JDK's
     * HTTP client logs whole request headers at DEBUG.
     */
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "(?i)(?<![A-Za-z0-9_])(bearer|basic)(\\s+)[A-Za-z0-9._~+/|=-]{8,}");

    /** The text with every secret parameter's value and every authorization credential masked. */
    public static String redact(String text) {
        Matcher credential = AUTHORIZATION.matcher(text);
        if (credential.find()) {
            StringBuilder out = new StringBuilder(text.length());
            do {
                credential.appendReplacement(out, Matcher.quoteReplacement(credential.group(1) + credential.group(2)
                        + MASK));
            } while (credential.find());
            credential.appendTail(out);
            text = out.toString();
        }
        Matcher matcher = SECRET_PARAMETER.matcher(text);
        if (!matcher.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        do {
            matcher.appendReplacement(out, Matcher.quoteReplacement(matcher.group(1) + "=" + MASK));
        } while (matcher.find());
        matcher.appendTail(out);
        return out.toString();
    }

    @Override
    public FilterReply decide(@Nullable Marker marker, Logger logger, Level level, @Nullable String format,
            Object @Nullable [] params, @Nullable Throwable t) {
        // Not logger.isEnabledFor: that asks the turbo filters again.
        if (format == null || level == null || !level.isGreaterOrEqual(logger.getEffectiveLevel())) {
            return FilterReply.NEUTRAL;
        }
        String message = params == null || params.length == 0 ? format
                : MessageFormatter.arrayFormat(format, params).getMessage();
        String redacted = redact(message);
        if (redacted.equals(message)) {
            return FilterReply.NEUTRAL;
        }
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, level, redacted, t, null);
        if (marker != null) {
            event.addMarker(marker);
        }
        logger.callAppenders(event);
        return FilterReply.DENY;
    }
}
