package dev.adsbridge.console.apikeys;

import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The id of the current request: the caller's {@code X-Request-Id} when it is a sane token, else a new one. It is sent
 * back in {@code X-Request-Id}, put in every error body and in the logs' MDC ({@code request_id}).
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "request_id";
    static final String ATTRIBUTE = RequestIds.class.getName();
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{8,100}");

    private RequestIds() {
    }

    /** The request's id, assigned once. */
    public static String current(HttpServletRequest request) {
        if (request.getAttribute(ATTRIBUTE) instanceof String id) {
            return id;
        }
        String id = choose(request.getHeader(HEADER));
        request.setAttribute(ATTRIBUTE, id);
        return id;
    }

    static String choose(@Nullable String presented) {
        return presented != null && SANE.matcher(presented).matches() ? presented
                : "req_" + UUID.randomUUID().toString().replace("-", "");
    }
}
