package dev.adsbridge.console.ads.api;

import dev.adsbridge.console.ads.AdsException;
import dev.adsbridge.console.apikeys.ApiException;
import dev.adsbridge.console.apikeys.ApiResponses;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The ads module's refusals and failures as the REST API answers them: the HTTP status is decided here alone. */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class AdsErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(AdsErrorHandler.class);

    @ExceptionHandler(AdsException.class)
    ResponseEntity<Map<String, Object>> ads(HttpServletRequest request, AdsException e) {
        ApiException api = toApi(e);
        if (api.status() >= 500) {
            log.warn("API {} {} failed: {} {}", request.getMethod(), request.getRequestURI(), e.code(),
                    e.getMessage());
        }
        return ApiResponses.entity(request, api);
    }

    static ApiException toApi(AdsException e) {
        // One message per problem: the sentence is the message; its title and next step travel in details.
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("title", e.title());
        details.put("next_step", e.nextStep());
        if (e.details() != null) {
            details.putAll(e.details());
        }
        return new ApiException(status(e.problem()), e.code(), e.getMessage(), e.meta(), details, e.fields(),
                e.retryAfterSeconds());
    }

    static int status(AdsException.Problem problem) {
        return switch (problem) {
            case NOT_FOUND -> 404;
            case INVALID, META_INVALID -> 400;
            case CONFIRMATION_REQUIRED, CONNECTION, CONFLICT -> 409;
            case REFUSED_BY_GUARD, KEY_REUSED -> 422;
            case FORBIDDEN, META_PERMISSION -> 403;
            case RATE_LIMITED -> 429;
            case META_UNAVAILABLE -> 502;
            case UNAVAILABLE -> 503;
        };
    }
}
