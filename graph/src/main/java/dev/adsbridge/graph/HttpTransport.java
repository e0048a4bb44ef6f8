package dev.adsbridge.graph;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Sends one HTTP exchange for {@link GraphClient}: a method, a URL, request headers and an optional body in; the
 * status, a header lookup and the body out. No redirects are followed (one could carry the Authorization header
 * elsewhere) and nothing is retried here: retries are the client's decision ({@link RetryPolicy}).
 *
 * <p>The default, {@link #urlConnection}, is the JDK's blocking {@link HttpURLConnection} with its keep-alive pool:
 * the whole exchange runs on the calling thread, which costs a fraction of the CPU of {@link HttpClient}'s
 * asynchronous pipeline (a selector thread, completion stages and a thread hop per answer) for the small synchronous
 * calls the Graph API takes (the {@code mcp-peers} benchmark in docs/benchmarks.md). {@link #of(HttpClient)} keeps a
 * caller-supplied {@link HttpClient} working.
 */
abstract class HttpTransport {

    /** The answer to one exchange. {@code header} finds a response header by name, ignoring case. */
    record Answer(int status, HeaderLookup header, byte[] body) {
    }

    /** A response header's first value by name (case-insensitive). */
    @FunctionalInterface
    interface HeaderLookup {
        Optional<String> first(String name);
    }

    /** No TCP (or TLS) connection within the connect timeout. */
    static final class ConnectTimeout extends IOException {
        private static final long serialVersionUID = 1L;

        ConnectTimeout(Throwable cause) {
            super("connect timed out", cause);
        }
    }

    /** Connected, but the answer did not come in time. */
    static final class AnswerTimeout extends IOException {
        private static final long serialVersionUID = 1L;

        AnswerTimeout(Throwable cause) {
            super("no answer in time", cause);
        }
    }

    /**
     * @param body the request body, or null for none (GET)
     */
    abstract Answer send(String method, URI uri, Map<String, String> headers, byte[] body)
            throws IOException, InterruptedException;

    /** The JDK's {@link HttpURLConnection}: blocking, on the calling thread, connections kept alive and reused. */
    static HttpTransport urlConnection(Duration connectTimeout, Duration requestTimeout) {
        return new UrlConnectionTransport(connectTimeout, requestTimeout);
    }

    /** A caller-supplied {@link HttpClient}. */
    static HttpTransport of(HttpClient client, Duration requestTimeout) {
        return new JdkHttpClientTransport(client, requestTimeout);
    }

    private static final class UrlConnectionTransport extends HttpTransport {

        /**
         * The JDK's HttpURLConnection logs every request's headers, the Authorization header included, at FINE:
         * held here (a logger only weakly held could lose its level) and switched off, whatever the root level.
         * Applications that route JDK logging elsewhere pin the logger too (the launcher's and console's logback
         * configuration), since a logging framework may reset these levels when it reconfigures.
         */
        private static final java.util.logging.Logger JDK_HTTP_LOG =
                java.util.logging.Logger.getLogger("sun.net.www.protocol.http.HttpURLConnection");

        static {
            JDK_HTTP_LOG.setLevel(java.util.logging.Level.OFF);
            // The JDK keeps at most 5 idle connections per host by default; concurrent tool calls to one Graph host
            // need more, or every call beyond the fifth pays a new connection (and TLS handshake). Only when the
            // application has not chosen a number itself; read once, when the JDK's HTTP client class loads.
            if (System.getProperty("http.maxConnections") == null) {
                System.setProperty("http.maxConnections", "64");
            }
        }

        private final int connectTimeoutMillis;
        private final int readTimeoutMillis;

        UrlConnectionTransport(Duration connectTimeout, Duration requestTimeout) {
            this.connectTimeoutMillis = millis(connectTimeout);
            this.readTimeoutMillis = millis(requestTimeout);
        }

        @Override
        Answer send(String method, URI uri, Map<String, String> headers, byte[] body) throws IOException {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setConnectTimeout(connectTimeoutMillis);
            connection.setReadTimeout(readTimeoutMillis);
            connection.setRequestMethod(method);
            headers.forEach(connection::setRequestProperty);
            if (body != null) {
                // Streaming mode also keeps the JDK from silently sending a POST or DELETE again when a kept-alive
                // connection turns out to be closed: a write is never repeated (GraphClient's contract).
                connection.setDoOutput(true);
                connection.setFixedLengthStreamingMode(body.length);
            }
            try {
                try {
                    connection.connect();
                } catch (SocketTimeoutException e) {
                    throw new ConnectTimeout(e);
                }
                if (body != null) {
                    try (OutputStream out = connection.getOutputStream()) {
                        out.write(body);
                    }
                }
                int status = connection.getResponseCode();
                if (status < 0) {
                    throw new IOException("the answer was not HTTP");
                }
                byte[] bytes;
                InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
                if (in == null) {
                    bytes = new byte[0];
                } else {
                    // Read to the end and close: only then does the connection go back to the keep-alive pool.
                    try (in) {
                        bytes = in.readAllBytes();
                    }
                }
                Map<String, String> answerHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                connection.getHeaderFields().forEach((name, values) -> {
                    if (name != null && values != null && !values.isEmpty()) {
                        // The JDK lists a repeated header's values last first.
                        answerHeaders.putIfAbsent(name, values.get(values.size() - 1));
                    }
                });
                return new Answer(status, name -> Optional.ofNullable(answerHeaders.get(name)), bytes);
            } catch (SocketTimeoutException e) {
                connection.disconnect();
                throw new AnswerTimeout(e);
            } catch (IOException e) {
                connection.disconnect();
                throw e;
            }
        }

        private static int millis(Duration duration) {
            return (int) Math.min(Integer.MAX_VALUE, Math.max(1, duration.toMillis()));
        }
    }

    private static final class JdkHttpClientTransport extends HttpTransport {
        private final HttpClient client;
        private final Duration requestTimeout;

        JdkHttpClientTransport(HttpClient client, Duration requestTimeout) {
            this.client = client;
            this.requestTimeout = requestTimeout;
        }

        @Override
        Answer send(String method, URI uri, Map<String, String> headers, byte[] body)
                throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(requestTimeout);
            headers.forEach(request::header);
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
            HttpResponse<byte[]> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (HttpConnectTimeoutException e) {
                throw new ConnectTimeout(e);
            } catch (HttpTimeoutException e) {
                throw new AnswerTimeout(e);
            }
            HttpHeaders answerHeaders = response.headers();
            return new Answer(response.statusCode(), name -> answerHeaders.firstValue(name.toLowerCase(Locale.ROOT)),
                    response.body());
        }
    }
}
