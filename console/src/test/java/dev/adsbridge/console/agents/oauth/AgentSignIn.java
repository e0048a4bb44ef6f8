package dev.adsbridge.console.agents.oauth;

import dev.adsbridge.console.support.Browser;
import dev.adsbridge.console.support.Page;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What an MCP agent does against the console's authorization server, over HTTP, step by step (for tests). */
public final class AgentSignIn {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private AgentSignIn() {
    }

    public record Answer(int status, String body, Map<String, List<String>> headers) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }
    }

    public static Answer get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    public static Answer register(String base, String metadataJson) {
        return send(HttpRequest.newBuilder(URI.create(base + "/oauth2/register"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(metadataJson)));
    }

    /**
     * A public client with one redirect URI; its client_id. Sent as from an address of its own (loopback is a trusted
     * proxy in tests), so the tests that need a client do not spend the per-address registration budget that others
     * measure.
     */
    public static String registerPublic(String base, String name, String redirectUri) {
        String address = "198.18." + RANDOM.nextInt(256) + "." + (1 + RANDOM.nextInt(254));
        Answer registered = send(HttpRequest.newBuilder(URI.create(base + "/oauth2/register"))
                .header("Content-Type", "application/json").header("X-Forwarded-For", address)
                .POST(HttpRequest.BodyPublishers.ofString("{\"client_name\":\"" + name + "\",\"redirect_uris\":[\""
                        + redirectUri + "\"],\"token_endpoint_auth_method\":\"none\",\"grant_types\":"
                        + "[\"authorization_code\",\"refresh_token\"],\"response_types\":[\"code\"]}")));
        if (registered.status() != 201) {
            throw new AssertionError("registration refused: " + registered.status() + " " + registered.body());
        }
        return registered.json().path("client_id").asString();
    }

    public static Answer token(String base, Map<String, String> form) {
        return send(HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form))));
    }

    /** PKCE: a verifier and its S256 challenge. */
    public record Pkce(String verifier, String challenge) {
        public static Pkce create() {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
                return new Pkce(verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public static String authorizeUrl(String base, Map<String, String> parameters) {
        return base + "/oauth2/authorize?" + form(parameters);
    }

    public static Map<String, String> request(String clientId, String redirectUri, Pkce pkce, String state, String resource) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("response_type", "code");
        parameters.put("client_id", clientId);
        parameters.put("redirect_uri", redirectUri);
        parameters.put("code_challenge", pkce.challenge());
        parameters.put("code_challenge_method", "S256");
        parameters.put("state", state);
        parameters.put("scope", "ads:read ads:write");
        parameters.put("resource", resource);
        return parameters;
    }

    /** Opens the authorization URL as the signed-in member: the consent page (or where the server sent instead). */
    public static Page openConsent(Browser browser, String authorizeUrl) {
        Page first = browser.getOnce(authorizeUrl);
        String location = first.headers().get("location");
        if (first.status() != 302 || location == null || !location.contains("/oauth2/consent")) {
            return first;
        }
        return browser.get(URI.create(authorizeUrl).resolve(location).toString());
    }

    private static final Pattern CHECKBOX = Pattern.compile(
            "<input type=\"checkbox\" name=\"(scope|account)\" value=\"([^\"]+)\"");

    /** The checkboxes of the consent page: scope and account values offered. */
    public static Map<String, List<String>> offered(Page consent) {
        Map<String, List<String>> offered = new LinkedHashMap<>();
        offered.put("scope", new ArrayList<>());
        offered.put("account", new ArrayList<>());
        Matcher m = CHECKBOX.matcher(consent.body());
        while (m.find()) {
            offered.get(m.group(1)).add(m.group(2));
        }
        return offered;
    }

    /** Presses Allow with these scopes and accounts (and the page's CSRF token unless {@code csrf} is false). */
    public static Page allow(Browser browser, String base, Page consent, List<String> scopes, List<String> accounts,
            boolean csrf) {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        fields.add(Map.entry("client_id", consent.input("client_id").orElseThrow()));
        fields.add(Map.entry("state", consent.input("state").orElseThrow()));
        if (csrf) {
            fields.add(Map.entry("_csrf", consent.input("_csrf").orElseThrow()));
        }
        scopes.forEach(s -> fields.add(Map.entry("scope", s)));
        accounts.forEach(a -> fields.add(Map.entry("account", a)));
        return browser.postFieldsOnce(base + "/oauth2/authorize", fields);
    }

    /** An authorization code and the PKCE verifier it was asked with. */
    public record Code(String code, Pkce pkce) {
    }

    /** The authorization step as a member does it: consent page, Allow with these scopes and accounts; the code. */
    public static Code consentedCode(Browser browser, String base, String clientId, String redirectUri,
            List<String> scopes, List<String> accounts) {
        Pkce pkce = Pkce.create();
        Page consent = openConsent(browser, authorizeUrl(base, request(clientId, redirectUri, pkce,
                "state-" + java.util.UUID.randomUUID(), base + "/mcp")));
        String code = redirectParameters(allow(browser, base, consent, scopes, accounts, true)).get("code");
        if (code == null) {
            throw new AssertionError("no code after consent on " + consent);
        }
        return new Code(code, pkce);
    }

    /** Presses Deny. */
    public static Page deny(Browser browser, String base, Page consent) {
        return browser.postFieldsOnce(base + "/oauth2/authorize", List.of(
                Map.entry("client_id", consent.input("client_id").orElseThrow()),
                Map.entry("state", consent.input("state").orElseThrow()),
                Map.entry("_csrf", consent.input("_csrf").orElseThrow())));
    }

    /** The query parameters of a redirect's Location. */
    public static Map<String, String> redirectParameters(Page redirect) {
        String location = redirect.headers().get("location");
        if (redirect.status() != 302 || location == null) {
            throw new AssertionError("expected a redirect, got " + redirect + "\n" + redirect.body());
        }
        return query(URI.create(location));
    }

    public static Map<String, String> query(URI uri) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (uri.getRawQuery() == null) {
            return parameters;
        }
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            parameters.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }

    public static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** A JSON-RPC request to the console's {@code /mcp} with a bearer token (or none). */
    public static Answer mcp(String base, String token, String method, Map<String, Object> params) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("jsonrpc", "2.0");
        message.put("id", 1);
        message.put("method", method);
        message.put("params", params);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/mcp"))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(message)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    public static Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
