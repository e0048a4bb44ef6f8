package dev.adsbridge.console.audit.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The request id and client address of the HTTP request being served on this thread, if any (listeners run on the
 * publishing thread, so connection events get them too).
 */
public final class RequestOrigin {

    public static final String HEADER = "X-Request-Id";
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    public record Origin(@Nullable String requestId, @Nullable String clientIp) {
    }

    private RequestOrigin() {
    }

    public static Origin current() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (!(attributes instanceof ServletRequestAttributes servlet)) {
            return new Origin(null, null);
        }
        HttpServletRequest request = servlet.getRequest();
        return new Origin(requestId(request, servlet.getResponse()), request.getRemoteAddr());
    }

    /**
     * The id already given to this request (the response's {@code X-Request-Id}, set by the API's filter), else the
     * caller's if it looks like an id.
     */
    public static @Nullable String requestId(HttpServletRequest request, @Nullable HttpServletResponse response) {
        String id = response == null ? null : response.getHeader(HEADER);
        if (id == null && request.getAttribute(HEADER) instanceof String attribute) {
            id = attribute;
        }
        if (id == null) {
            id = MDC.get("request_id");
        }
        if (id == null) {
            id = request.getHeader(HEADER);
        }
        return id != null && SAFE_ID.matcher(id).matches() ? id : null;
    }

    /** The request's id, giving it one (and the {@code X-Request-Id} header) when nothing has yet. */
    public static String ensureRequestId(HttpServletRequest request, HttpServletResponse response) {
        String id = requestId(request, response);
        if (id == null) {
            id = UUID.randomUUID().toString();
            request.setAttribute(HEADER, id);
        }
        if (response.getHeader(HEADER) == null) {
            response.setHeader(HEADER, id);
        }
        return id;
    }
}
