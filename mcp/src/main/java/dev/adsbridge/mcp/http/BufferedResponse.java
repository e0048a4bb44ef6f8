package dev.adsbridge.mcp.http;

import dev.adsbridge.mcp.inventory.Json;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;

/**
 * Holds the SDK servlet's answer until it is complete, so that an error the SDK would send as an HTML page
 * ({@code sendError}) or as a serialized Java exception can be replaced by a JSON-RPC error object.
 */
final class BufferedResponse extends HttpServletResponseWrapper {

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private ServletOutputStream stream;
    private PrintWriter writer;
    private int status = 200;
    private boolean sentError;

    BufferedResponse(HttpServletResponse response) {
        super(response);
    }

    @Override
    public void setStatus(int status) {
        this.status = status;
    }

    @Override
    public int getStatus() {
        return status;
    }

    @Override
    public void sendError(int status) {
        sendError(status, null);
    }

    @Override
    public void sendError(int status, String message) {
        this.status = status;
        this.sentError = true;
        buffer.reset();
    }

    @Override
    public void sendRedirect(String location) {
        sendError(500, null);
    }

    @Override
    public ServletOutputStream getOutputStream() {
        if (stream == null) {
            stream = new ServletOutputStream() {
                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    throw new IllegalStateException("the response is buffered");
                }

                @Override
                public void write(int b) {
                    buffer.write(b);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) {
                    buffer.write(bytes, offset, length);
                }
            };
        }
        return stream;
    }

    @Override
    public PrintWriter getWriter() {
        if (writer == null) {
            writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), StandardCharsets.UTF_8));
        }
        return writer;
    }

    @Override
    public void flushBuffer() {
        // Nothing reaches the client before finish().
    }

    @Override
    public void resetBuffer() {
        buffer.reset();
    }

    @Override
    public void reset() {
        buffer.reset();
        status = 200;
        sentError = false;
        super.reset();
    }

    @Override
    public boolean isCommitted() {
        return false;
    }

    @Override
    public void setContentLength(int length) {
        // Set in finish(), from what is really sent.
    }

    @Override
    public void setContentLengthLong(long length) {
        // Set in finish(), from what is really sent.
    }

    /** Sends the buffered answer, or a JSON-RPC error in place of an error the SDK wrote in another form. */
    void finish(JsonNode requestId) throws IOException {
        if (writer != null) {
            writer.flush();
        }
        HttpServletResponse response = (HttpServletResponse) getResponse();
        if (sentError) {
            JsonRpcErrors.write(response, status, requestId, JsonRpcErrors.codeFor(status),
                    JsonRpcErrors.messageFor(status));
            return;
        }
        byte[] bytes = buffer.toByteArray();
        if (status >= 400) {
            JsonNode json = Json.parseOrNull(bytes);
            if (!isCleanJsonRpcError(json)) {
                JsonNode sdkError = json == null ? null : json.path("jsonRpcError");
                int code = sdkError != null && sdkError.path("code").isInt()
                        ? sdkError.path("code").asInt() : JsonRpcErrors.codeFor(status);
                String message = sdkError != null && sdkError.path("message").isString()
                        ? sdkError.path("message").asString() : JsonRpcErrors.messageFor(status);
                JsonRpcErrors.write(response, status, requestId, code, message);
                return;
            }
        }
        response.setStatus(status);
        if (bytes.length > 0) {
            if (response.getContentType() == null) {
                response.setContentType("application/json");
            }
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes);
        } else {
            response.setContentLength(0);
        }
    }

    private static boolean isCleanJsonRpcError(JsonNode json) {
        return json != null && json.isObject() && "2.0".equals(Json.text(json, "jsonrpc"))
                && json.path("error").isObject() && !json.toString().contains("stackTrace");
    }
}
