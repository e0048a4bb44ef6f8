package dev.adsbridge.console.apikeys;

import dev.adsbridge.console.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Every REST controller's failures in the API's error envelope, with the request id. */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Map<String, Object>> api(HttpServletRequest request, ApiException e) {
        if (e.status() >= 500) {
            log.warn("API {} {} failed: {} {}", request.getMethod(), request.getRequestURI(), e.code(),
                    e.getMessage());
        }
        return ApiResponses.entity(request, e);
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Map<String, Object>> notFound(HttpServletRequest request) {
        return ApiResponses.entity(request, ApiException.notFound());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Map<String, Object>> denied(HttpServletRequest request) {
        return ApiResponses.entity(request, ApiException.forbiddenRole());
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, MissingServletRequestParameterException.class,
            MethodArgumentTypeMismatchException.class, MissingServletRequestPartException.class,
            HttpMediaTypeNotSupportedException.class})
    ResponseEntity<Map<String, Object>> unreadable(HttpServletRequest request, Exception e) {
        String problem = e instanceof MissingServletRequestParameterException missing
                ? "The parameter " + missing.getParameterName() + " is required."
                : e instanceof MissingServletRequestPartException part
                        ? "The part " + part.getRequestPartName() + " is required."
                        : e instanceof MethodArgumentTypeMismatchException mismatch
                                ? "The value of " + mismatch.getName() + " is not valid."
                                : "The request body is not valid JSON of the expected shape.";
        return ApiResponses.entity(request, new ApiException(400, "validation_failed", problem));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Map<String, Object>> method(HttpServletRequest request) {
        return ApiResponses.entity(request, new ApiException(405, "method_not_allowed",
                "This address does not take that method."));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Map<String, Object>> noRoute(HttpServletRequest request) {
        return ApiResponses.entity(request, ApiException.notFound());
    }

    @ExceptionHandler(org.springframework.web.server.ResponseStatusException.class)
    ResponseEntity<Map<String, Object>> status(HttpServletRequest request,
            org.springframework.web.server.ResponseStatusException e) {
        int status = e.getStatusCode().value();
        return ApiResponses.entity(request, status == 404 ? ApiException.notFound()
                : new ApiException(status, status == 403 ? "forbidden_role" : "request_failed",
                        e.getReason() == null ? "The request failed." : e.getReason()));
    }

    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<Map<String, Object>> bug(HttpServletRequest request, RuntimeException e) {
        log.error("API {} {} failed", request.getMethod(), request.getRequestURI(), e);
        return ApiResponses.entity(request, new ApiException(500, "internal_error",
                "Something went wrong on our side. Quote the request id if you contact us."));
    }
}
