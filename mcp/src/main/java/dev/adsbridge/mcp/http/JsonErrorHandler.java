package dev.adsbridge.mcp.http;

import dev.adsbridge.mcp.inventory.Json;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.ee11.servlet.ErrorHandler;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import tools.jackson.databind.node.ObjectNode;

/**
 * Jetty's last resort for errors (an exception in a servlet, a malformed HTTP request): always a small JSON body with
 * the status and a fixed text; never HTML, never a stack trace or an exception message.
 */
public final class JsonErrorHandler extends ErrorHandler {

    public JsonErrorHandler() {
        quiet(this);
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        writeJson(response, code, callback);
    }

    @Override
    protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
                                                 String contentType, List<Charset> charsets, int code, String message,
                                                 Throwable cause) {
        writeJson(response, code, callback);
        return true;
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        return jsonBadMessage(status, fields);
    }

    private static void writeJson(Response response, int code, Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(body(code).getBytes(StandardCharsets.UTF_8)), callback);
    }

    /**
     * The server's own error handler, for what Jetty refuses before any servlet sees it (a path it will not decode,
     * such as one with {@code %00}): the same JSON, and {@code Connection: close}, because Jetty closes the connection
     * after such an answer and a keep-alive client would otherwise send its next call into the closing socket and get
     * no answer at all. (The servlet handler above writes nothing outside a servlet context.)
     */
    public static final class ServerErrors extends org.eclipse.jetty.server.handler.ErrorHandler {

        public ServerErrors() {
            quiet(this);
        }

        @Override
        protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                        Callback callback) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            writeJson(response, code, callback);
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            return jsonBadMessage(status, fields);
        }
    }

    /** Never a stack, a cause or the message in the page title. */
    private static void quiet(org.eclipse.jetty.server.handler.ErrorHandler handler) {
        handler.setShowStacks(false);
        handler.setShowCauses(false);
        handler.setShowMessageInTitle(false);
    }

    private static ByteBuffer jsonBadMessage(int status, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(body(status).getBytes(StandardCharsets.UTF_8));
    }

    static String body(int status) {
        ObjectNode body = Json.object();
        // Shaped as a JSON-RPC error (id unknown), so MCP clients read it like the endpoint's own refusals.
        body.put("jsonrpc", "2.0");
        body.putNull("id");
        ObjectNode error = body.putObject("error");
        error.put("code", JsonRpcErrors.codeFor(status));
        error.put("status", status);
        error.put("message", JsonRpcErrors.messageFor(status));
        return Json.write(body);
    }
}
