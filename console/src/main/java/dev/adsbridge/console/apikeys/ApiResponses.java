package dev.adsbridge.console.apikeys;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/** The API's error envelope, for controllers (as a ResponseEntity) and for filters (written directly). */
public final class ApiResponses {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ApiResponses() {
    }

    public static Map<String, Object> envelope(ApiException e, String requestId) {
        Map<String, Object> error = new LinkedHashMap<>(e.body());
        error.put("request_id", requestId);
        return Map.of("error", error);
    }

    public static ResponseEntity<Map<String, Object>> entity(HttpServletRequest request, ApiException e) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(HttpStatus.valueOf(e.status()))
                .contentType(MediaType.APPLICATION_JSON);
        if (e.retryAfterSeconds() != null) {
            builder.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, e.retryAfterSeconds())));
        }
        return builder.body(envelope(e, RequestIds.current(request)));
    }

    public static void write(HttpServletRequest request, HttpServletResponse response, ApiException e)
            throws IOException {
        response.setStatus(e.status());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (e.retryAfterSeconds() != null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, e.retryAfterSeconds())));
        }
        response.getWriter().write(JSON.writeValueAsString(envelope(e, RequestIds.current(request))));
    }
}
