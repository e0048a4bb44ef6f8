package dev.adsbridge.console.vault.internal;

import dev.adsbridge.console.vault.VaultException.Reason;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The few endpoints of HashiCorp Vault's Transit secrets engine the vault needs, over the JDK's HttpClient: encrypt,
 * decrypt, rewrap, read key, rotate and config (min_decryption_version). The Vault token goes only in the
 * {@code X-Vault-Token} header; error messages carry the HTTP status and Vault's own error text with anything that looks
 * like a ciphertext, base64 data or the token removed.
 */
public final class VaultTransitClient {

    /** What {@code GET /v1/<mount>/keys/<name>} says about a key's versions. */
    public record KeyInfo(String type, int latestVersion, int minDecryptionVersion, int minEncryptionVersion) {}

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern SAFE_MOUNT = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*");
    private static final Pattern VAULT_CIPHERTEXT = Pattern.compile("vault:v\\d+:\\S*");
    private static final Pattern LONG_OPAQUE = Pattern.compile("[A-Za-z0-9+/=_-]{24,}");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;
    private final String mount;
    private final String keyName;
    private final Supplier<@Nullable String> token;
    private final @Nullable String namespace;
    private final Duration timeout;
    private final HttpClient http;

    public VaultTransitClient(URI address, String mount, String keyName, Supplier<@Nullable String> token,
            @Nullable String namespace, Duration timeout) {
        String scheme = address.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("the Vault address must be an http(s) URL");
        }
        String trimmedMount = mount.replaceAll("^/+|/+$", "");
        if (!SAFE_MOUNT.matcher(trimmedMount).matches()) {
            throw new IllegalArgumentException("the transit mount path must be letters, digits, '_', '-', '.' and '/'");
        }
        if (!SAFE_NAME.matcher(keyName).matches()) {
            throw new IllegalArgumentException("the transit key name must be letters, digits, '_', '-' and '.'");
        }
        this.baseUrl = address.toString().replaceAll("/+$", "");
        this.mount = trimmedMount;
        this.keyName = keyName;
        this.token = token;
        this.namespace = namespace == null || namespace.isBlank() ? null : namespace;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER) // a redirect would resend the token elsewhere
                .build();
    }

    public String keyName() {
        return keyName;
    }

    public String mount() {
        return mount;
    }

    public String encrypt(byte[] plaintext, byte[] associatedData) throws KekException {
        ObjectNode body = JSON.createObjectNode().put("plaintext", Base64.getEncoder().encodeToString(plaintext));
        if (associatedData.length > 0) {
            body.put("associated_data", Base64.getEncoder().encodeToString(associatedData));
        }
        JsonNode data = call("POST", "/encrypt/" + keyName, body, "encrypt", Reason.MISCONFIGURED).path("data");
        return requireText(data, "ciphertext", "encrypt");
    }

    public byte[] decrypt(String ciphertext, byte[] associatedData) throws KekException {
        ObjectNode body = JSON.createObjectNode().put("ciphertext", ciphertext);
        if (associatedData.length > 0) {
            body.put("associated_data", Base64.getEncoder().encodeToString(associatedData));
        }
        JsonNode data = call("POST", "/decrypt/" + keyName, body, "decrypt", Reason.TAMPERED).path("data");
        try {
            return Base64.getDecoder().decode(requireText(data, "plaintext", "decrypt"));
        } catch (IllegalArgumentException e) {
            throw new KekException(Reason.KMS_UNAVAILABLE, "Vault answered decrypt with a plaintext that is not base64");
        }
    }

    public String rewrap(String ciphertext) throws KekException {
        ObjectNode body = JSON.createObjectNode().put("ciphertext", ciphertext);
        JsonNode data = call("POST", "/rewrap/" + keyName, body, "rewrap", Reason.TAMPERED).path("data");
        return requireText(data, "ciphertext", "rewrap");
    }

    public KeyInfo readKey() throws KekException {
        JsonNode data = call("GET", "/keys/" + keyName, null, "read key", Reason.MISCONFIGURED).path("data");
        if (!data.has("latest_version")) {
            throw new KekException(Reason.KMS_UNAVAILABLE, "Vault's answer for transit key '" + keyName
                    + "' has no latest_version");
        }
        return new KeyInfo(data.path("type").asString(""), data.path("latest_version").asInt(),
                data.path("min_decryption_version").asInt(1), data.path("min_encryption_version").asInt(0));
    }

    public void rotate() throws KekException {
        call("POST", "/keys/" + keyName + "/rotate", JSON.createObjectNode(), "rotate", Reason.MISCONFIGURED);
    }

    public void setMinDecryptionVersion(int version) throws KekException {
        ObjectNode body = JSON.createObjectNode().put("min_decryption_version", version);
        call("POST", "/keys/" + keyName + "/config", body, "config", Reason.REFUSED);
    }

    private JsonNode call(String method, String path, @Nullable ObjectNode body, String operation, Reason badRequest)
            throws KekException {
        String vaultToken = token.get();
        if (vaultToken == null || vaultToken.isBlank()) {
            throw new KekException(Reason.MISCONFIGURED, "no Vault token: set adsbridge.vault.vault-transit.token, "
                    + "adsbridge.vault.vault-transit.token-file or VAULT_TOKEN");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/" + mount + path))
                .timeout(timeout)
                .header("X-Vault-Token", vaultToken)
                .header("Accept", "application/json");
        if (namespace != null) {
            request.header("X-Vault-Namespace", namespace);
        }
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new KekException(Reason.KMS_UNAVAILABLE, "Vault at " + baseUrl + " did not answer " + operation
                    + " on transit key '" + keyName + "' (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KekException(Reason.KMS_UNAVAILABLE, "interrupted while calling Vault " + operation);
        }
        int status = response.statusCode();
        if (status == 200 || status == 204) {
            try {
                return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
            } catch (JacksonException e) {
                throw new KekException(Reason.KMS_UNAVAILABLE, "Vault answered " + operation + " with something that "
                        + "is not JSON");
            }
        }
        String errors = errorsOf(response.body(), vaultToken);
        String where = operation + " on transit key '" + keyName + "' at mount '" + mount + "'";
        if (status == 401 || status == 403) {
            throw new KekException(Reason.KMS_DENIED, "Vault denied " + where + " (HTTP " + status + errors
                    + "): check the Vault token and its policy");
        }
        if (status == 404) {
            throw new KekException(Reason.MISCONFIGURED, "Vault has no " + where + " (HTTP 404" + errors
                    + "): create the key with `vault write -f " + mount + "/keys/" + keyName + "`");
        }
        if (status == 400) {
            throw new KekException(classifyBadRequest(errors, badRequest), "Vault refused " + where + " (HTTP 400"
                    + errors + ")");
        }
        throw new KekException(Reason.KMS_UNAVAILABLE, "Vault failed " + where + " (HTTP " + status + errors + ")");
    }

    private static Reason classifyBadRequest(String errors, Reason fallback) {
        String text = errors.toLowerCase(java.util.Locale.ROOT);
        if (text.contains("disallowed by policy") || text.contains("too old")) {
            return Reason.KEY_RETIRED;
        }
        if (text.contains("too new")) {
            return Reason.UNKNOWN_KEY;
        }
        if (text.contains("key not found")) {
            return Reason.MISCONFIGURED;
        }
        return fallback;
    }

    private static String requireText(JsonNode data, String field, String operation) throws KekException {
        String value = data.path(field).asString("");
        if (value.isEmpty()) {
            throw new KekException(Reason.KMS_UNAVAILABLE, "Vault's answer to " + operation + " has no " + field);
        }
        return value;
    }

    /** Vault's error strings, with anything that could be a ciphertext, encoded data or the token taken out. */
    private static String errorsOf(String body, String vaultToken) {
        List<String> errors = new ArrayList<>();
        try {
            JsonNode list = JSON.readTree(body).path("errors");
            for (int i = 0; i < list.size() && i < 5; i++) {
                errors.add(list.get(i).asString(""));
            }
        } catch (JacksonException e) {
            return "";
        }
        String joined = String.join("; ", errors).replace(vaultToken, "<redacted>");
        joined = VAULT_CIPHERTEXT.matcher(joined).replaceAll("<redacted>");
        joined = LONG_OPAQUE.matcher(joined).replaceAll("<redacted>");
        joined = joined.replaceAll("\\s+", " ").strip();
        if (joined.length() > 200) {
            joined = joined.substring(0, 200) + "…";
        }
        return joined.isEmpty() ? "" : ": " + joined;
    }
}
