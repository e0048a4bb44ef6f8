package dev.adsbridge.mcp.tools.images;

import dev.adsbridge.graph.ErrorCategory;
import dev.adsbridge.mcp.inventory.Args;
import dev.adsbridge.mcp.inventory.ToolError;
import dev.adsbridge.mcp.inventory.ToolException;
import dev.adsbridge.meta.ImageTypes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.IDN;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Downloads image bytes for the tools without becoming a way into the server's network (SSRF).
 *
 * <p>A URL a caller supplies ({@link #fetchPublic}) is fetched only from public hosts: the host is resolved, and the
 * call is refused before any connection when any of its addresses is loopback, private, link-local (the cloud
 * metadata address 169.254.169.254 included), carrier-grade NAT, multicast, reserved or unspecified, or an IPv6 form
 * embedding such an IPv4 address. The connection then goes to the address that was checked (pinned: no second DNS
 * lookup a rebinding attacker could answer differently); TLS still verifies the certificate against the host name.
 * Redirects are followed by hand, at most {@value #MAX_REDIRECTS}, each hop checked the same way. The body is
 * counted while it streams and dropped once it passes the size cap; the answer must be an image both by its
 * Content-Type and by its first bytes.
 *
 * <p>A URL Meta returned for an ad image ({@link #fetchFromMeta}) is Meta's CDN; it is fetched as given (so a local
 * sandbox CDN works too), with the same size cap and image checks, and any redirect it answers is held to the public
 * rules.
 *
 * <p>Only GET over HTTP/1.1 with {@code Connection: close}: enough for image hosts and CDNs, small enough to read.
 */
public final class ImageFetcher {

    /** Largest image Meta accepts in the ad image library. */
    public static final int MAX_UPLOAD_BYTES = 30 * 1024 * 1024;
    public static final int MAX_REDIRECTS = 3;

    private static final int MAX_HEADER_BYTES = 64 * 1024;
    private static final int MAX_LINE_BYTES = 8 * 1024;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration TOTAL_TIMEOUT = Duration.ofSeconds(60);
    private static final String USER_AGENT = "adsbridge-mcp/0.1 (ad image fetch)";

    private final boolean allowLoopbackForTests;

    private ImageFetcher(boolean allowLoopbackForTests) {
        this.allowLoopbackForTests = allowLoopbackForTests;
    }

    /** The production fetcher: public addresses only. */
    public static ImageFetcher publicOnly() {
        return new ImageFetcher(false);
    }

    /**
     * Test only: also allows loopback addresses (127.0.0.0/8, ::1), so a test can serve a redirect from a local
     * server. Every other forbidden range stays forbidden.
     */
    public static ImageFetcher allowingLoopbackForTests() {
        return new ImageFetcher(true);
    }

    /** Bytes of an image, its format as read from the bytes, and the URL that finally answered. */
    public record Fetched(byte[] bytes, ImageTypes.Format format, URI finalUrl) {
    }

    /** Fetches a caller-supplied URL from a public host; see the class comment for the rules. */
    public Fetched fetchPublic(String url, int maxBytes) {
        return fetch(parse(url, "image_url"), true, maxBytes);
    }

    /** Fetches the URL Meta gave for an ad image (its CDN), size-capped; redirects must lead to public hosts. */
    public Fetched fetchFromMeta(String url, int maxBytes) {
        return fetch(parse(url, "the image URL Meta returned"), false, maxBytes);
    }

    // ---------------------------------------------------------------- the fetch loop

    private Fetched fetch(URI start, boolean checkFirstHop, int maxBytes) {
        long deadline = System.nanoTime() + TOTAL_TIMEOUT.toNanos();
        URI current = start;
        boolean check = checkFirstHop;
        for (int hop = 0; ; hop++) {
            List<InetAddress> addresses = resolve(current, check);
            Response response = exchange(current, addresses, maxBytes, deadline);
            String host = current.getHost();
            if (response.isRedirect()) {
                if (hop >= MAX_REDIRECTS) {
                    throw refused("the image URL redirected more than " + MAX_REDIRECTS + " times");
                }
                String location = response.header("location").orElseThrow(() -> refused(
                        "the server at " + host + " answered a redirect without a Location"));
                current = parseRedirect(current, location);
                check = true; // every redirect is held to the public rules
                continue;
            }
            if (response.status() != 200) {
                throw new ToolException(downloadFailed("the server at " + current.getHost() + " answered HTTP "
                        + response.status() + " for the image URL; check that the link is public and points "
                        + "straight at an image file", response.status() >= 500));
            }
            String contentType = response.header("content-type").orElse("").toLowerCase(Locale.ROOT).strip();
            if (!contentType.startsWith("image/")) {
                throw refused("the URL did not serve an image (Content-Type '"
                        + (contentType.isEmpty() ? "none" : shorten(contentType)) + "'); link directly to a "
                        + "JPG, PNG, GIF, BMP, TIFF or WebP file, not to a web page");
            }
            ImageTypes.Format format = ImageTypes.sniff(response.body()).orElseThrow(() -> refused(
                    "the URL claimed " + shorten(contentType) + " but the bytes are not a JPG, PNG, GIF, BMP, "
                            + "TIFF or WebP image"));
            return new Fetched(response.body(), format, current);
        }
    }

    // ---------------------------------------------------------------- URL and address rules

    private static URI parse(String url, String what) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw refused(what + " is not a valid URL (" + shorten(e.getReason()) + ")");
        }
        return checkShape(uri, what);
    }

    private static URI parseRedirect(URI from, String location) {
        URI target;
        try {
            target = from.resolve(new URI(location.strip()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw refused("the image URL redirected to an invalid URL");
        }
        return checkShape(target, "the redirect target");
    }

    private static URI checkShape(URI uri, String what) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw refused(what + " must be an http:// or https:// URL"
                    + (scheme.isEmpty() ? "" : "; '" + shorten(scheme) + ":' is not allowed"));
        }
        if (uri.getRawUserInfo() != null) {
            throw refused(what + " must not carry a user name or password");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw refused(what + " has no host name");
        }
        return uri;
    }

    /** The host's addresses; with {@code check}, refuses before connecting if any of them is not public. */
    private List<InetAddress> resolve(URI uri, boolean check) {
        String host = bareHost(uri);
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw refused("the host " + shorten(host) + " of the image URL could not be resolved");
        }
        if (check) {
            for (InetAddress address : addresses) {
                Optional<String> reason = forbiddenReason(address);
                if (reason.isPresent() && !(allowLoopbackForTests && address.isLoopbackAddress())) {
                    throw refused("the image URL points at " + reason.get() + " (" + shorten(host) + "), which "
                            + "this server never fetches; use a publicly reachable image URL or pass the image "
                            + "itself as 'file'");
                }
            }
        }
        return List.of(addresses);
    }

    /**
     * Why an address must not be fetched, or empty for a public unicast address. Covers IPv4 and IPv6, including IPv6
     * forms that embed an IPv4 address (mapped, compatible, NAT64, 6to4).
     */
    static Optional<String> forbiddenReason(InetAddress address) {
        byte[] raw = address.getAddress();
        if (raw.length == 4) {
            return forbiddenV4(raw);
        }
        if (raw.length != 16) {
            return Optional.of("an address of unknown form");
        }
        if (isZero(raw, 0, 16)) {
            return Optional.of("the unspecified address");
        }
        if (isZero(raw, 0, 15) && raw[15] == 1) {
            return Optional.of("a loopback address");
        }
        if (isZero(raw, 0, 10) && (raw[10] & 0xff) == 0xff && (raw[11] & 0xff) == 0xff) {
            return forbiddenV4(Arrays.copyOfRange(raw, 12, 16)); // IPv4-mapped ::ffff:a.b.c.d
        }
        if (isZero(raw, 0, 12)) {
            return forbiddenV4(Arrays.copyOfRange(raw, 12, 16)); // IPv4-compatible ::a.b.c.d (deprecated)
        }
        int first = raw[0] & 0xff;
        int second = raw[1] & 0xff;
        if (first == 0x00 && second == 0x64 && (raw[2] & 0xff) == 0xff && (raw[3] & 0xff) == 0x9b
                && isZero(raw, 4, 12)) {
            return forbiddenV4(Arrays.copyOfRange(raw, 12, 16)); // NAT64 64:ff9b::a.b.c.d
        }
        if (first == 0x20 && second == 0x02) {
            return forbiddenV4(Arrays.copyOfRange(raw, 2, 6)); // 6to4 2002:a.b.c.d::
        }
        if ((first & 0xfe) == 0xfc) {
            return Optional.of("a private network address (IPv6 unique local)");
        }
        if (first == 0xfe && (second & 0xc0) == 0x80) {
            return Optional.of("a link-local address");
        }
        if (first == 0xfe && (second & 0xc0) == 0xc0) {
            return Optional.of("a private network address (IPv6 site-local)");
        }
        if (first == 0xff) {
            return Optional.of("a multicast address");
        }
        if (first == 0x20 && second == 0x01 && (raw[2] & 0xff) == 0x0d && (raw[3] & 0xff) == 0xb8) {
            return Optional.of("a documentation address");
        }
        if (first == 0x20 && second == 0x01 && raw[2] == 0 && raw[3] == 0) {
            return Optional.of("a Teredo tunnel address");
        }
        if (first == 0x01 && second == 0x00 && isZero(raw, 2, 8)) {
            return Optional.of("a discard-only address");
        }
        return Optional.empty();
    }

    private static Optional<String> forbiddenV4(byte[] ip) {
        int a = ip[0] & 0xff;
        int b = ip[1] & 0xff;
        int c = ip[2] & 0xff;
        int d = ip[3] & 0xff;
        if (a == 169 && b == 254 && c == 169 && d == 254) {
            return Optional.of("the cloud metadata address");
        }
        if (a == 0) {
            return Optional.of("the unspecified address");
        }
        if (a == 127) {
            return Optional.of("a loopback address");
        }
        if (a == 10 || a == 172 && b >= 16 && b <= 31 || a == 192 && b == 168) {
            return Optional.of("a private network address");
        }
        if (a == 169 && b == 254) {
            return Optional.of("a link-local address");
        }
        if (a == 100 && b >= 64 && b <= 127) {
            return Optional.of("a carrier-grade NAT address");
        }
        if (a >= 224 && a <= 239) {
            return Optional.of("a multicast address");
        }
        if (a >= 240) {
            return Optional.of("a reserved or broadcast address");
        }
        if (a == 192 && b == 0 && (c == 0 || c == 2) || a == 198 && (b == 18 || b == 19)
                || a == 198 && b == 51 && c == 100 || a == 203 && b == 0 && c == 113) {
            return Optional.of("a reserved address");
        }
        return Optional.empty();
    }

    private static boolean isZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static String bareHost(URI uri) {
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            return host.substring(1, host.length() - 1);
        }
        try {
            return IDN.toASCII(host);
        } catch (IllegalArgumentException e) {
            throw refused("the host name of the image URL is not valid");
        }
    }

    // ---------------------------------------------------------------- HTTP/1.1 over a pinned socket

    private record Response(int status, Map<String, String> headers, byte[] body) {
        boolean isRedirect() {
            return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
        }

        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name));
        }
    }

    private static Response exchange(URI uri, List<InetAddress> addresses, int maxBytes, long deadline) {
        boolean https = uri.getScheme().equalsIgnoreCase("https");
        int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
        IOException lastFailure = null;
        for (InetAddress address : addresses) {
            Socket socket = new Socket();
            try {
                // Pinned: connect to the address that was checked, never to a fresh lookup of the name.
                socket.connect(new InetSocketAddress(address, port), timeoutMillis(CONNECT_TIMEOUT, deadline));
                socket.setSoTimeout(timeoutMillis(READ_TIMEOUT, deadline));
                Socket channel = https ? tls(socket, bareHost(uri), port) : socket;
                try (channel) {
                    sendRequest(channel.getOutputStream(), uri, port, https);
                    return readResponse(channel.getInputStream(), maxBytes, deadline, uri.getHost());
                }
            } catch (SSLException e) {
                closeQuietly(socket);
                throw new ToolException(downloadFailed("the TLS connection to " + uri.getHost() + " failed (its "
                        + "certificate is not valid for the name, or it speaks no modern TLS)", false));
            } catch (SocketTimeoutException e) {
                closeQuietly(socket);
                throw new ToolException(downloadFailed("the image host " + uri.getHost() + " did not answer in "
                        + "time", true));
            } catch (IOException e) {
                closeQuietly(socket);
                lastFailure = e;
            }
        }
        throw new ToolException(downloadFailed("could not download the image from " + uri.getHost()
                + (lastFailure == null ? "" : " (" + shorten(lastFailure.getClass().getSimpleName()) + ")"), true));
    }

    private static Socket tls(Socket plain, String host, int port) throws IOException {
        SSLSocket ssl = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                .createSocket(plain, host, port, true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must match the host name
        if (!isIpLiteral(host)) {
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        ssl.setSSLParameters(parameters);
        ssl.startHandshake();
        return ssl;
    }

    private static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || host.matches("[0-9.]+");
    }

    private static void sendRequest(OutputStream out, URI uri, int port, boolean https) throws IOException {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        boolean defaultPort = https ? port == 443 : port == 80;
        String host = uri.getHost().startsWith("[") ? uri.getHost() : bareHost(uri);
        String request = "GET " + path + " HTTP/1.1\r\n"
                + "Host: " + host + (defaultPort ? "" : ":" + port) + "\r\n"
                + "User-Agent: " + USER_AGENT + "\r\n"
                + "Accept: image/*\r\n"
                + "Accept-Encoding: identity\r\n"
                + "Connection: close\r\n\r\n";
        if (request.chars().anyMatch(c -> c < 0x20 && c != '\r' && c != '\n' || c > 0x7e)) {
            throw refused("the image URL contains characters that cannot be sent; percent-encode them");
        }
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static Response readResponse(InputStream in, int maxBytes, long deadline, String host)
            throws IOException {
        HeaderReader reader = new HeaderReader(in);
        String statusLine = reader.line();
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("[0-9]{3}")) {
            throw refused("the image host " + host + " did not answer with HTTP/1.x");
        }
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new TreeMap<>();
        int headerBytes = statusLine.length();
        for (String line = reader.line(); !line.isEmpty(); line = reader.line()) {
            headerBytes += line.length() + 2;
            if (headerBytes > MAX_HEADER_BYTES) {
                throw refused("the image host sent oversized headers");
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1)
                        .strip());
            }
        }
        if (status != 200) {
            return new Response(status, headers, new byte[0]); // a redirect or an error: its body is not needed
        }
        String encoding = headers.getOrDefault("content-encoding", "identity").toLowerCase(Locale.ROOT);
        if (!encoding.equals("identity")) {
            throw refused("the image host sent a compressed answer (" + shorten(encoding) + ") although none was "
                    + "asked for");
        }
        String length = headers.get("content-length");
        if (length != null && length.matches("[0-9]{1,18}") && Long.parseLong(length) > maxBytes) {
            throw tooLarge(maxBytes);
        }
        CappedBuffer body = new CappedBuffer(maxBytes, deadline);
        if (headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT).contains("chunked")) {
            readChunked(reader, body);
        } else if (length != null && length.matches("[0-9]{1,18}")) {
            body.copy(reader, Long.parseLong(length), true);
        } else {
            body.copy(reader, Long.MAX_VALUE, false);
        }
        return new Response(status, headers, body.toByteArray());
    }

    private static void readChunked(HeaderReader reader, CappedBuffer body) throws IOException {
        while (true) {
            String sizeLine = reader.line();
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip();
            if (!hex.matches("[0-9a-fA-F]{1,15}")) {
                throw refused("the image host sent a malformed chunked answer");
            }
            long size = Long.parseLong(hex, 16);
            if (size == 0) {
                return; // trailers, if any, are not needed
            }
            body.copy(reader, size, true);
            if (!reader.line().isEmpty()) {
                throw refused("the image host sent a malformed chunked answer");
            }
        }
    }

    /** Reads CRLF-terminated header lines and then raw bytes from the same buffered stream. */
    private static final class HeaderReader {
        private final InputStream in;
        private final byte[] buffer = new byte[8192];
        private int position;
        private int limit;

        HeaderReader(InputStream in) {
            this.in = in;
        }

        String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            while (true) {
                int b = read();
                if (b < 0) {
                    throw new IOException("connection closed in the middle of the answer");
                }
                if (line.size() >= MAX_LINE_BYTES) {
                    throw refused("the image host sent an oversized header or chunk line");
                }
                if (b == '\n') {
                    byte[] bytes = line.toByteArray();
                    int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                    return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
                }
                line.write(b);
            }
        }

        int read() throws IOException {
            if (position == limit && !fill()) {
                return -1;
            }
            return buffer[position++] & 0xff;
        }

        int read(byte[] target, int offset, int length) throws IOException {
            if (position == limit && !fill()) {
                return -1;
            }
            int n = Math.min(length, limit - position);
            System.arraycopy(buffer, position, target, offset, n);
            position += n;
            return n;
        }

        private boolean fill() throws IOException {
            int n = in.read(buffer);
            if (n <= 0) {
                return false;
            }
            position = 0;
            limit = n;
            return true;
        }
    }

    /** Collects the body and gives up as soon as it passes the cap or the deadline. */
    private static final class CappedBuffer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final int maxBytes;
        private final long deadline;

        CappedBuffer(int maxBytes, long deadline) {
            this.maxBytes = maxBytes;
            this.deadline = deadline;
        }

        void copy(HeaderReader reader, long length, boolean exact) throws IOException {
            byte[] chunk = new byte[8192];
            long remaining = length;
            while (remaining > 0) {
                int n = reader.read(chunk, 0, (int) Math.min(chunk.length, remaining));
                if (n < 0) {
                    if (exact) {
                        throw new IOException("connection closed before the image was complete");
                    }
                    return;
                }
                if (out.size() + n > maxBytes) {
                    throw tooLarge(maxBytes);
                }
                if (System.nanoTime() > deadline) {
                    throw new SocketTimeoutException("download took too long");
                }
                out.write(chunk, 0, n);
                remaining -= n;
            }
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }

    // ---------------------------------------------------------------- errors

    private static ToolException refused(String problem) {
        return ToolException.invalid("Cannot fetch the image: " + problem + ".");
    }

    private static ToolException tooLarge(int maxBytes) {
        String limit = maxBytes >= 1024 * 1024 ? maxBytes / (1024 * 1024) + " MB" : maxBytes / 1024 + " KB";
        return ToolException.invalid("Cannot fetch the image: it is larger than " + limit + ", the most this tool "
                + "accepts. Resize or compress it first.");
    }

    private static ToolError downloadFailed(String problem, boolean isTransient) {
        return new ToolError(null, null, "ImageDownloadFailed", "Image download failed: " + problem + ".", null,
                null, null, isTransient, isTransient ? ErrorCategory.TRANSIENT : ErrorCategory.INVALID_REQUEST,
                null, Map.of());
    }

    private static int timeoutMillis(Duration timeout, long deadline) {
        long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
        return (int) Math.max(1, Math.min(timeout.toMillis(), left));
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do: the socket is being abandoned
        }
    }

    private static String shorten(String value) {
        return Args.shorten(value == null ? "" : value);
    }
}
