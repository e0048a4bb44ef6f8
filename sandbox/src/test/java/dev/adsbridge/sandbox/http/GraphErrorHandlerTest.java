package dev.adsbridge.sandbox.http;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.adsbridge.sandbox.SandboxHttp;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the sandbox answers when a servlet fails unexpectedly: Meta's error envelope (HTTP 500, code 1 "An unknown
 * error occurred", type OAuthException, an fbtrace_id), never an HTML page or an empty reply; the failure is logged
 * with its stack trace and the path, never the query string (which can carry an access token).
 *
 * <p>The failures are forced by a servlet that exists only in this test, on a Jetty server wired with
 * {@link GraphErrorHandler#install} exactly as {@code SandboxServer} wires its own.
 */
class GraphErrorHandlerTest {

    private static final String SECRET = "EAAB-test-token-must-not-be-logged";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private Server server;
    private String base;
    private ListAppender<ILoggingEvent> logged;

    @BeforeEach
    void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                switch (req.getPathInfo()) {
                    case "/runtime" -> throw new IllegalStateException("a bug in a handler");
                    case "/error" -> throw new StackOverflowError("deep recursion in a handler");
                    case "/half" -> {
                        resp.setHeader("x-business-use-case-usage", "{}");
                        resp.setContentType("text/plain");
                        throw new IllegalArgumentException("failed after setting headers");
                    }
                    default -> resp.getWriter().write("fine");
                }
            }
        }), "/v25.0/*");
        GraphErrorHandler.install(server, context);
        server.setHandler(context);
        server.start();
        base = "http://127.0.0.1:" + connector.getLocalPort();
        logged = new ListAppender<>();
        logged.start();
        root().addAppender(logged);
    }

    @AfterEach
    void stop() throws Exception {
        root().detachAppender(logged);
        server.stop();
    }

    @Test
    void an_exception_or_error_escaping_a_servlet_is_answered_in_metas_error_shape_and_logged_without_the_query()
            throws Exception {
        for (String path : List.of("/v25.0/runtime", "/v25.0/error", "/v25.0/half")) {
            HttpResponse<String> answer = get(path + "?access_token=" + SECRET + "&fields=id");
            assertThat(answer.statusCode()).as(path).isEqualTo(500);
            assertThat(answer.headers().firstValue("content-type").orElse("")).startsWith("application/json");
            JsonNode error = Json.MAPPER.readTree(answer.body()).get("error");
            assertThat(error).as(answer.body()).isNotNull();
            assertThat(error.get("message").asString()).isEqualTo("An unknown error occurred");
            assertThat(error.get("type").asString()).isEqualTo("OAuthException");
            assertThat(error.get("code").asInt()).isEqualTo(1);
            assertThat(error.get("fbtrace_id").asString()).matches("[A-Za-z0-9_-]{22}");
            assertThat(answer.headers().firstValue("x-fb-trace-id")).contains(error.get("fbtrace_id").asString());

            List<ILoggingEvent> failures = logged.list.stream()
                    .filter(e -> e.getLoggerName().equals(GraphErrorHandler.class.getName())
                            && e.getFormattedMessage().contains(path)).toList();
            assertThat(failures).as(path).hasSize(1);
            ILoggingEvent failure = failures.get(0);
            assertThat(failure.getLevel().toString()).isEqualTo("ERROR");
            assertThat(failure.getFormattedMessage()).contains("GET " + path)
                    .contains(error.get("fbtrace_id").asString());
            assertThat(failure.getThrowableProxy()).as("the stack trace is logged").isNotNull();
            assertThat(failure.getThrowableProxy().getStackTraceElementProxyArray()).isNotEmpty();
        }
        for (ILoggingEvent event : logged.list) {
            String text = event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
                    : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            assertThat(text).as("no log line carries the token").doesNotContain(SECRET).doesNotContain("fields=id");
        }
        assertThat(get("/v25.0/ok").body()).isEqualTo("fine");
    }

    @Test
    void the_sandbox_answers_a_malformed_query_with_a_graph_error_instead_of_failing() throws Exception {
        // A percent sign not followed by two hex digits used to escape the Graph servlet as an
        // IllegalArgumentException; bad input gets code 100 like any invalid parameter. (Java's HTTP client
        // refuses to send such a URI, hence the raw request.)
        try (SandboxHttp sandbox = SandboxHttp.start()) {
            String body = "{\"status\":\"PAUSED\"}";
            String answer = raw(sandbox.server().port(), "POST /v25.0/act_1000000001/campaigns?name=%zz HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nAuthorization: Bearer " + sandbox.token() + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n"
                    + "Connection: close\r\n\r\n" + body);
            assertThat(answer).startsWith("HTTP/1.1 400");
            JsonNode error = Json.MAPPER.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4)).get("error");
            assertThat(error.get("code").asInt()).isEqualTo(100);
            assertThat(error.get("message").asString()).contains("percent");
        }
    }

    /** Sends one raw HTTP/1.1 request and reads the whole answer. */
    private static String raw(int port, String request) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static ch.qos.logback.classic.Logger root() {
        return (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
