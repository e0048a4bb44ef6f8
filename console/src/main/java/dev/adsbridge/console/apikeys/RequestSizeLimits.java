package dev.adsbridge.console.apikeys;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * Request body limits, enforced before anything buffers a body, answered 413 with the API's JSON envelope
 * ({@code request_too_large}) or a short text for the web UI. Three layers:
 *
 * <ol>
 *   <li>Jetty's {@link SizeLimitHandler} caps every body at the image-upload limit (plus multipart overhead): by
 *       {@code Content-Length} before the request reaches the servlet, and while a chunked body streams in; its 413
 *       is JSON too ({@link JsonServerErrors}).</li>
 *   <li>A filter first in the chain: the image upload path ({@code POST /api/v1/ad-accounts/{id}/images}) may carry up to
 *       {@code spring.servlet.multipart.max-request-size}; every other request up to
 *       {@code adsbridge.console.limits.max-body-size} (1 MB: JSON and forms). A declared length over the limit is
 *       refused without reading; a chunked body is read up to the limit (never further) and refused past it.</li>
 *   <li>Spring's multipart limits ({@code spring.servlet.multipart.max-file-size} / {@code max-request-size}), applied
 *       while the parts stream to disk.</li>
 * </ol>
 */
@Configuration(proxyBeanMethods = false)
class RequestSizeLimits {

    static final Pattern IMAGE_UPLOAD = Pattern.compile("/api/v1/ad-accounts/[^/]+/images/?");
    /** Multipart framing around the file: boundaries and part headers. */
    static final long MULTIPART_OVERHEAD = 64 * 1024;

    private final long maxBody;
    private final long maxUpload;

    RequestSizeLimits(@Value("${adsbridge.console.limits.max-body-size:1MB}") DataSize maxBody,
            @Value("${spring.servlet.multipart.max-request-size:6100KB}") DataSize maxUpload) {
        this.maxBody = maxBody.toBytes();
        this.maxUpload = maxUpload.toBytes();
    }

    @Bean
    WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory> jettyRequestSizeLimit() {
        long limit = Math.max(maxBody, maxUpload) + MULTIPART_OVERHEAD;
        return factory -> factory.addServerCustomizers(server -> {
            Handler application = server.getHandler();
            SizeLimitHandler sizeLimit = new SizeLimitHandler(limit, -1);
            sizeLimit.setHandler(application);
            server.setHandler(sizeLimit);
            // Its refusals (and Jetty's other errors outside the application) as JSON, not Jetty's HTML page.
            server.setErrorHandler(new JsonServerErrors().limit(limit));
        });
    }

    /**
     * Errors Jetty answers itself, before the application: the API's envelope, with fixed texts, and
     * {@code Connection: close}.
     */
    static final class JsonServerErrors extends ErrorHandler {

        JsonServerErrors() {
            setShowStacks(false);
            setShowCauses(false);
            setShowMessageInTitle(false);
        }

        @Override
        protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                Callback callback) {
            String body = code == 413
                    ? "{\"error\":{\"code\":\"request_too_large\",\"message\":\"The request body is larger than "
                            + "the server accepts (" + String.format(java.util.Locale.ROOT, "%.1f MB",
                                    maxRequest / 1_048_576.0) + "). Nothing was changed.\"}}"
                    : "{\"error\":{\"code\":\"" + (code < 500 ? "bad_request" : "internal_error")
                            + "\",\"message\":\"The request could not be handled (HTTP " + code + ").\"}}";
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            // Jetty answers here what it would not hand to the application (a URI it refuses, a body over the limit)
            // and closes the connection afterwards. Saying so keeps a keep-alive client from sending its next request
            // into the closing socket, where it would get no answer at all.
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
        }

        private long maxRequest = -1;

        JsonServerErrors limit(long bytes) {
            this.maxRequest = bytes;
            return this;
        }
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> requestSizeLimitFilter() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                    FilterChain chain) throws ServletException, IOException {
                boolean upload = "POST".equals(request.getMethod())
                        && IMAGE_UPLOAD.matcher(request.getRequestURI()).matches();
                long limit = upload ? maxUpload + MULTIPART_OVERHEAD : maxBody;
                long declared = request.getContentLengthLong();
                if (declared > limit) {
                    tooLarge(request, response, limit);
                    return;
                }
                if (declared < 0 && !upload && request.getHeader("Transfer-Encoding") != null) {
                    // Chunked: at most limit + 1 bytes are read, then refused or replayed.
                    byte[] body = request.getInputStream().readNBytes((int) limit + 1);
                    if (body.length > limit) {
                        tooLarge(request, response, limit);
                        return;
                    }
                    chain.doFilter(new Replayed(request, body), response);
                    return;
                }
                chain.doFilter(request, response);
            }
        });
        // First of all: before the body is looked at by anything (the database outage filter wraps it).
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        registration.setName("requestSizeLimitFilter");
        return registration;
    }

    static void tooLarge(HttpServletRequest request, HttpServletResponse response, long limit) throws IOException {
        String mb = String.format(java.util.Locale.ROOT, "%.1f MB", limit / 1_048_576.0);
        if (request.getRequestURI().startsWith("/api/")) {
            ApiResponses.write(request, response, new ApiException(413, "request_too_large",
                    "The request body is larger than this endpoint accepts (" + mb + "). Nothing was changed."));
        } else {
            response.setStatus(413);
            response.setContentType("text/plain");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write("The request is larger than " + mb + ". Nothing was changed.\n");
        }
        // The rest of the body is not read; the connection closes after the answer.
        response.setHeader("Connection", "close");
    }

    /** Spring's multipart limits: the file or the whole request over its limit while the parts stream in. */
    @ControllerAdvice
    @Order(Ordered.HIGHEST_PRECEDENCE)
    static class Advice {

        private final RequestSizeLimits limits;

        Advice(RequestSizeLimits limits) {
            this.limits = limits;
        }

        @ExceptionHandler(MaxUploadSizeExceededException.class)
        void uploadTooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
            tooLarge(request, response, limits.maxUpload);
        }
    }

    /** A request whose (bounded, already read) body is replayed from memory. */
    private static final class Replayed extends HttpServletRequestWrapper {

        private final byte[] body;

        Replayed(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
