package dev.adsbridge.console.apikeys;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * PostgreSQL unreachable: every request that needs it answers 503 with {@code Retry-After} within the pool's connection
 * timeout ({@code spring.datasource.hikari.connection-timeout}, 2 s), as the API's JSON envelope
 * ({@code database_unavailable}) or a small HTML page, instead of waiting 30 s and failing with a 500. Nothing to
 * reset afterwards: the pool reconnects on its own and the next request succeeds.
 *
 * <p>Two places, because failures surface in two: controllers (handled here before the API's catch-all) and filters
 * that run before them (Spring Session's, the API key check), caught by a filter first in the chain.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseOutage {

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutage.class);
    static final long RETRY_AFTER_SECONDS = 5;

    /** Whether the failure means the database could not be reached (as opposed to a bug or bad data). */
    static boolean isOutage(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException
                    || cause instanceof TransientDataAccessResourceException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException) {
                return true;
            }
            // A failed rollback on the dead connection hides the original failure ("application exception
            // overridden by rollback exception"): judge by the original.
            if (cause instanceof TransactionSystemException rollback && rollback.getOriginalException() != null
                    && rollback.getOriginalException() != e && isOutage(rollback.getOriginalException())) {
                return true;
            }
            if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("08")) {
                return true; // SQLSTATE class 08: connection exception
            }
        }
        return false;
    }

    static void write(HttpServletRequest request, HttpServletResponse response) throws IOException {
        log.warn("Database unavailable: {} {} answered 503", request.getMethod(), request.getRequestURI());
        if (request.getRequestURI().startsWith("/api/")) {
            ApiResponses.write(request, response, new ApiException(503, "database_unavailable",
                    "The service cannot reach its database right now. Nothing was changed; try again in a few "
                            + "seconds.", null, null, null, RETRY_AFTER_SECONDS));
            return;
        }
        response.setStatus(503);
        response.setHeader("Retry-After", Long.toString(RETRY_AFTER_SECONDS));
        response.setContentType("text/html");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        // Plain HTML, no template: the layout itself may need the database.
        response.getWriter().write("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Temporarily unavailable · AdsBridge</title></head>
                <body><main><h1>Temporarily unavailable</h1>
                <p>AdsBridge cannot reach its database right now. Nothing was changed. Please try again in a few
                seconds.</p></main></body></html>
                """);
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> databaseOutageFilter() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                    FilterChain chain) throws ServletException, IOException {
                try {
                    chain.doFilter(request, response);
                } catch (ServletException | RuntimeException e) {
                    if (!isOutage(e) || response.isCommitted()) {
                        throw e;
                    }
                    response.reset();
                    write(request, response);
                }
            }
        });
        // Before Spring Session's repository filter (Integer.MIN_VALUE + 50) and Spring Security.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        registration.setName("databaseOutageFilter");
        return registration;
    }

    /** Controllers: ahead of every other advice (the API's catch-all would answer 500). */
    @ControllerAdvice
    @Order(Ordered.HIGHEST_PRECEDENCE)
    static class Advice {

        @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessResourceException.class,
                CannotCreateTransactionException.class})
        void unavailable(HttpServletRequest request, HttpServletResponse response) throws IOException {
            write(request, response);
        }

        @ExceptionHandler(TransactionSystemException.class)
        void rollbackFailed(HttpServletRequest request, HttpServletResponse response, TransactionSystemException e)
                throws Exception {
            if (isOutage(e)) {
                write(request, response);
            } else if (request.getRequestURI().startsWith("/api/")) {
                log.error("API {} {} failed", request.getMethod(), request.getRequestURI(), e);
                ApiResponses.write(request, response, new ApiException(500, "internal_error",
                        "Something went wrong on our side. Quote the request id if you contact us."));
            } else {
                throw e; // the UI's error page
            }
        }
    }
}
