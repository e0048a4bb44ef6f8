package dev.adsbridge.mcp.http;

import dev.adsbridge.mcp.inventory.Json;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;

/**
 * Holds the SDK servlet's answer until it is complete, so that an error the SDK would send as an HTML page
 * ({@code sendError}) or as a serialized Java exception can be replaced by a JSON-RPC error object.
 */
final class BufferedResponse extends HttpServletResponseWrapper {

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(8192);
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
            writer = new PrintWriter(new Utf8Writer(), false);
        }
        return writer;
    }

    /**
     * Encodes straight into the buffer. The SDK writes its whole answer as one string: {@link String#getBytes} does
     * that in one pass, where an {@code OutputStreamWriter} would run its charset encoder over a char buffer. A high
     * surrogate at the end of a write waits for its pair, so split pairs encode as an {@code OutputStreamWriter}
     * would.
     */
    private final class Utf8Writer extends Writer {
        private char pendingHigh;

        @Override
        public void write(String text, int offset, int length) {
            encode(text.substring(offset, offset + length));
        }

        @Override
        public void write(char[] chars, int offset, int length) {
            encode(new String(chars, offset, length));
        }

        @Override
        public void write(int c) {
            encode(String.valueOf((char) c));
        }

        private void encode(String text) {
            if (text.isEmpty()) {
                return;
            }
            if (pendingHigh != 0) {
                text = pendingHigh + text;
                pendingHigh = 0;
            }
            char last = text.charAt(text.length() - 1);
            if (Character.isHighSurrogate(last)) {
                pendingHigh = last;
                text = text.substring(0, text.length() - 1);
            }
            buffer.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void flush() {
            // Bytes are in the buffer as soon as they are written; a lone high surrogate waits for close.
        }

        @Override
        public void close() {
            if (pendingHigh != 0) {
                buffer.writeBytes(String.valueOf(pendingHigh).getBytes(StandardCharsets.UTF_8));
                pendingHigh = 0;
            }
        }
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
            writer.close();
        }
        HttpServletResponse response = (HttpServletResponse) getResponse();
        if (sentError) {
            JsonRpcErrors.write(response, status, requestId, JsonRpcErrors.codeFor(status),
                    JsonRpcErrors.messageFor(status));
            return;
        }
        if (status >= 400) {
            JsonNode json = Json.parseOrNull(buffer.toByteArray());
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
        int length = buffer.size();
        if (length > 0) {
            if (response.getContentType() == null) {
                response.setContentType("application/json");
            }
            response.setContentLength(length);
            buffer.writeTo(response.getOutputStream());
        } else {
            response.setContentLength(0);
        }
    }

    private static boolean isCleanJsonRpcError(JsonNode json) {
        return json != null && json.isObject() && "2.0".equals(Json.text(json, "jsonrpc"))
                && json.path("error").isObject() && !json.toString().contains("stackTrace");
    }
}
