package dev.adsbridge.mcp.http;

import dev.adsbridge.mcp.inventory.Json;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Writes JSON-RPC error objects as HTTP answers: the one error format of the /mcp endpoint. */
final class JsonRpcErrors {

    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int INVALID_PARAMS = -32602;
    static final int INTERNAL_ERROR = -32603;
    /** Server-defined range (-32000 to -32099). */
    static final int UNAUTHORIZED = -32001;
    static final int FORBIDDEN = -32003;

    private JsonRpcErrors() {
    }

    /** {@code {"jsonrpc":"2.0","id":…,"error":{"code","message","data":{"http_status"}}}}. */
    static ObjectNode body(JsonNode id, int code, String message, int httpStatus) {
        ObjectNode body = Json.object();
        body.put("jsonrpc", "2.0");
        if (id == null || id.isMissingNode()) {
            body.putNull("id");
        } else {
            body.set("id", id);
        }
        ObjectNode error = body.putObject("error");
        error.put("code", code);
        error.put("message", message);
        error.putObject("data").put("http_status", httpStatus);
        return body;
    }

    /** {@link #body} as UTF-8 bytes. */
    static byte[] bytes(int httpStatus, JsonNode id, int code, String message) {
        return Json.write(body(id, code, message, httpStatus)).getBytes(StandardCharsets.UTF_8);
    }

    static void write(HttpServletResponse response, int httpStatus, JsonNode id, int code, String message)
            throws IOException {
        writeJson(response, httpStatus, body(id, code, message, httpStatus));
    }

    static void writeJson(HttpServletResponse response, int httpStatus, JsonNode body) throws IOException {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        response.setStatus(httpStatus);
        response.setContentType(McpEndpoint.JSON_UTF8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
        response.getOutputStream().flush();
    }

    /** The JSON-RPC code that fits an HTTP status. */
    static int codeFor(int httpStatus) {
        return switch (httpStatus) {
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 500, 503 -> INTERNAL_ERROR;
            default -> INVALID_REQUEST;
        };
    }

    /** A short, fixed text for an HTTP status the SDK answered without a usable message. */
    static String messageFor(int httpStatus) {
        return switch (httpStatus) {
            case 400 -> "Bad request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not found: the MCP endpoint is POST /mcp";
            case 405 -> "Method not allowed: use POST";
            case 413 -> "Request body too large";
            case 415 -> "Unsupported media type: send Content-Type: application/json";
            case 421 -> "Invalid Host header";
            case 503 -> "Server is shutting down";
            default -> httpStatus >= 500 ? "Internal error" : "Request refused";
        };
    }
}
