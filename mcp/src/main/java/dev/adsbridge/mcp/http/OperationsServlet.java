package dev.adsbridge.mcp.http;

import dev.adsbridge.mcp.inventory.Json;
import dev.adsbridge.mcp.metrics.ServerMetrics;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import tools.jackson.databind.node.ObjectNode;

/**
 * The endpoints for operators and load balancers: {@code /healthz} (the process answers), {@code /readyz} (the MCP
 * server is started and not shutting down), {@code /metrics} (Prometheus). Anything else is a JSON 404.
 */
public final class OperationsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient BooleanSupplier ready;
    private final transient ServerMetrics metrics;

    public OperationsServlet(BooleanSupplier ready, ServerMetrics metrics) {
        this.ready = ready;
        this.metrics = metrics;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI();
        boolean read = request.getMethod().equals("GET") || request.getMethod().equals("HEAD");
        switch (path) {
            case "/healthz" -> {
                if (read) {
                    status(response, 200, "ok");
                    return;
                }
            }
            case "/readyz" -> {
                if (read) {
                    boolean isReady = ready.getAsBoolean();
                    status(response, isReady ? 200 : 503, isReady ? "ready" : "not_ready");
                    return;
                }
            }
            case "/metrics" -> {
                if (read) {
                    byte[] body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
                    response.setStatus(200);
                    response.setContentType("text/plain; version=0.0.4; charset=utf-8");
                    response.setContentLength(body.length);
                    response.getOutputStream().write(body);
                    return;
                }
            }
            default -> {
                metrics.rejected("not_found");
                JsonRpcErrors.writeJson(response, 404, error(404, "Not found: the MCP endpoint is POST /mcp"));
                return;
            }
        }
        response.setHeader("Allow", "GET, HEAD");
        JsonRpcErrors.writeJson(response, 405, error(405, "Method not allowed: use GET"));
    }

    private static void status(HttpServletResponse response, int code, String status) throws IOException {
        ObjectNode body = Json.object().put("status", status);
        response.setHeader("Cache-Control", "no-store");
        JsonRpcErrors.writeJson(response, code, body);
    }

    private static ObjectNode error(int status, String message) {
        ObjectNode body = Json.object();
        body.putObject("error").put("status", status).put("message", message);
        return body;
    }
}
