package dev.adsbridge.console.agents.oauth;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fetches client ID metadata documents: an agent whose {@code client_id} is an https URL publishes there a JSON
 * document with its {@code client_id} (the same URL), {@code client_name} and {@code redirect_uris}. The fetch is a
 * request the console makes on an agent's say-so, so it is guarded against server-side request forgery: https only,
 * public addresses only (the host's every address is checked before connecting), no redirects followed, a time limit
 * and a size limit; {@code allow-http} and {@code allow-private-addresses} relax this for tests and dev mode.
 */
@Component
class ClientMetadataDocuments {

    private static final Logger log = LoggerFactory.getLogger(ClientMetadataDocuments.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final OAuthProperties.ClientMetadata settings;
    private final HttpClient http;

    ClientMetadataDocuments(OAuthProperties properties) {
        this.settings = properties.clientMetadata();
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.timeout()).build();
    }

    /** What a document says about its client. */
    record ClientDocument(String clientId, String clientName, List<String> redirectUris) {
    }

    /** Refused: a URL that may not be fetched, a failed fetch, or a document that does not describe this client. */
    static final class DocumentRefused extends Exception {
        private static final long serialVersionUID = 1L;

        DocumentRefused(String message) {
            super(message);
        }
    }

    /** A {@code client_id} that names a metadata document (rather than a client registered here). */
    static boolean isDocumentUrl(String clientId) {
        String lower = clientId.toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://");
    }

    ClientDocument fetch(String clientId) throws DocumentRefused {
        URI uri = checkedUrl(clientId);
        checkAddresses(uri.getHost());
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(settings.timeout())
                .header("Accept", "application/json").GET().build();
        byte[] body;
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    throw new DocumentRefused("the client's metadata document answered HTTP " + response.statusCode());
                }
                body = in.readNBytes(settings.maxBytes() + 1);
            }
        } catch (IOException e) {
            throw new DocumentRefused("the client's metadata document could not be fetched");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DocumentRefused("interrupted");
        }
        if (body.length > settings.maxBytes()) {
            throw new DocumentRefused("the client's metadata document is larger than " + settings.maxBytes() + " bytes");
        }
        return parse(clientId, body);
    }

    private URI checkedUrl(String clientId) throws DocumentRefused {
        URI uri;
        try {
            uri = new URI(clientId);
        } catch (URISyntaxException e) {
            throw new DocumentRefused("client_id is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && settings.allowHttp())) {
            throw new DocumentRefused("a client_id URL must use https");
        }
        String path = uri.getRawPath();
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null || path == null
                || path.isEmpty() || path.equals("/") || path.contains("/./") || path.contains("/../")
                || path.endsWith("/.") || path.endsWith("/..")) {
            throw new DocumentRefused("a client_id URL needs a host and a path, without user info, fragment or dot "
                    + "segments");
        }
        return uri;
    }

    private void checkAddresses(String host) throws DocumentRefused {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new DocumentRefused("the client_id URL's host is not known");
        }
        if (settings.allowPrivateAddresses()) {
            return;
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                log.warn("Refused to fetch a client metadata document from {}: not a public address", host);
                throw new DocumentRefused("the client_id URL's host is not a public address");
            }
        }
    }

    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return false; // unique local fc00::/7
            }
            boolean v4Mapped = true;
            for (int i = 0; i < 10; i++) {
                v4Mapped &= b[i] == 0;
            }
            if (v4Mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return isPublic(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
            return true;
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first != 0 && !(first == 100 && second >= 64 && second < 128) // carrier-grade NAT
                && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) && first < 224;
    }

    private static ClientDocument parse(String clientId, byte[] body) throws DocumentRefused {
        JsonNode document;
        try {
            document = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new DocumentRefused("the client's metadata document is not JSON");
        }
        if (!document.isObject()) {
            throw new DocumentRefused("the client's metadata document is not a JSON object");
        }
        if (!clientId.equals(document.path("client_id").asString(null))) {
            throw new DocumentRefused("the client's metadata document names another client_id");
        }
        String method = document.path("token_endpoint_auth_method").asString("none");
        if (!method.equals("none")) {
            throw new DocumentRefused("only public clients (token_endpoint_auth_method none) may use a metadata "
                    + "document");
        }
        List<String> redirectUris = new ArrayList<>();
        for (JsonNode uri : document.path("redirect_uris")) {
            String value = uri.isString() ? uri.asString() : null;
            if (value == null || RedirectUris.problem(value).isPresent()) {
                throw new DocumentRefused("the client's metadata document has a redirect URI that cannot be used");
            }
            redirectUris.add(value);
        }
        if (redirectUris.isEmpty()) {
            throw new DocumentRefused("the client's metadata document has no redirect_uris");
        }
        String name = clientName(document.path("client_name").asString(null), URI.create(clientId).getHost());
        return new ClientDocument(clientId, name, List.copyOf(redirectUris));
    }

    /** A name fit to show on the consent screen: printable, at most 100 characters; the host when there is none. */
    static String clientName(@Nullable String given, String fallback) {
        if (given == null) {
            return fallback;
        }
        String cleaned = given.replaceAll("\\p{C}", "").strip();
        if (cleaned.isEmpty()) {
            return fallback;
        }
        return cleaned.length() > 100 ? cleaned.substring(0, 100) : cleaned;
    }
}
