package dev.adsbridge.sandbox.http;

import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The server's answer when something escapes a servlet (an unexpected exception, an {@link Error} such as running out
 * of memory) or Jetty itself fails a request with a 5xx: the failure is logged with its stack trace and the request's
 * method and path (never its query string, which can carry an access token), and the caller gets Meta's error
 * envelope, HTTP 500, code 1 "An unknown error occurred" with an fbtrace_id, instead of an HTML page or an empty
 * reply. Errors below 500 that Jetty answers itself (a malformed request line) keep Jetty's answer.
 */
public final class GraphErrorHandler extends ErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(GraphErrorHandler.class);

    /** Installs the handler on the server and on the servlet context, so every failure reaches it. */
    public static void install(Server server, ServletContextHandler context) {
        GraphErrorHandler handler = new GraphErrorHandler();
        server.setErrorHandler(handler);
        context.setErrorHandler(handler);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        int status = request.getAttribute(ERROR_STATUS) instanceof Integer code ? code : response.getStatus();
        Throwable cause = request.getAttribute(ERROR_EXCEPTION) instanceof Throwable t ? t : null;
        if (status < 500 && cause == null) {
            return super.handle(request, response, callback);
        }
        String trace = GraphServlet.fbtraceId();
        log.error("sandbox request failed: {} {} (fbtrace_id {})", request.getMethod(),
                request.getHttpURI().getPath(), trace, cause);
        GraphException unknown = GraphErrors.unknown("An unknown error occurred");
        Map<String, Object> error = unknown.toErrorObject();
        error.put("fbtrace_id", trace);
        byte[] body = Json.write(Map.of("error", error)).getBytes(StandardCharsets.UTF_8);
        response.setStatus(unknown.httpStatus());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=UTF-8");
        response.getHeaders().put("x-fb-trace-id", trace);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
