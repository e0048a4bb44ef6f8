package dev.adsbridge.console.vault;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A small stand-in for HashiCorp Vault's HTTP API, Transit engine only, as the vault uses it: create / read / rotate /
 * config of keys, encrypt, decrypt and rewrap, {@code X-Vault-Token} checks, versioned {@code vault:vN:} ciphertexts
 * (AES-256-GCM with a 96-bit nonce, as Vault's aes256-gcm96), {@code min_decryption_version} and Vault's error envelope
 * ({@code {"errors": [...]}}) with Vault's own messages.
 */
final class FakeVault implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CIPHERTEXT = Pattern.compile("vault:v(\\d+):(.*)", Pattern.DOTALL);

    private final HttpServer server;
    private final String token;
    private final String mount;
    private final Map<String, TransitKey> keys = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger decrypts = new AtomicInteger();
    final AtomicInteger rewraps = new AtomicInteger();

    /** One Transit key: its versions (index 0 is v1) and policy. */
    static final class TransitKey {
        final List<SecretKey> versions = new ArrayList<>();
        final List<Long> created = new ArrayList<>();
        volatile int minDecryptionVersion = 1;
        volatile int minEncryptionVersion = 0;

        int latest() {
            return versions.size();
        }
    }

    FakeVault(String token) throws IOException {
        this(token, "transit");
    }

    FakeVault(String token, String mount) throws IOException {
        this.token = token;
        this.mount = mount;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/", this::handle);
        server.start();
    }

    URI address() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void createKey(String name) {
        keys.computeIfAbsent(name, n -> newKey());
    }

    TransitKey key(String name) {
        return keys.get(name);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            byte[] requestBody = exchange.getRequestBody().readAllBytes();
            if (!token.equals(exchange.getRequestHeaders().getFirst("X-Vault-Token"))) {
                reply(exchange, 403, errors("permission denied"));
                return;
            }
            String prefix = "/v1/" + mount + "/";
            String path = exchange.getRequestURI().getPath();
            if (!path.startsWith(prefix)) {
                reply(exchange, 404, errors("no handler for route \"" + path.substring(4) + "\". route entry not found."));
                return;
            }
            String[] parts = path.substring(prefix.length()).split("/");
            String method = exchange.getRequestMethod();
            JsonNode body = requestBody.length == 0 ? JSON.createObjectNode() : JSON.readTree(requestBody);
            route(exchange, method, parts, body);
        } catch (tools.jackson.core.JacksonException e) {
            reply(exchange, 400, errors("failed to parse JSON input: " + e.getOriginalMessage()));
        } catch (RuntimeException e) {
            reply(exchange, 500, errors("internal error"));
        }
    }

    private void route(HttpExchange exchange, String method, String[] parts, JsonNode body) throws IOException {
        if (parts.length == 2 && parts[0].equals("keys")) {
            if (method.equals("GET")) {
                TransitKey key = keys.get(parts[1]);
                if (key == null) {
                    reply(exchange, 404, errors());
                } else {
                    reply(exchange, 200, data(keyInfo(parts[1], key)));
                }
            } else if (method.equals("POST")) {
                createKey(parts[1]);
                reply(exchange, 204, null);
            } else {
                reply(exchange, 405, errors("unsupported operation"));
            }
            return;
        }
        if (parts.length == 3 && parts[0].equals("keys") && method.equals("POST")) {
            TransitKey key = keys.get(parts[1]);
            if (key == null) {
                reply(exchange, 400, errors("encryption key not found"));
                return;
            }
            switch (parts[2]) {
                case "rotate" -> {
                    synchronized (key) {
                        addVersion(key);
                    }
                    reply(exchange, 200, data(keyInfo(parts[1], key)));
                }
                case "config" -> {
                    if (body.has("min_decryption_version")) {
                        int min = body.path("min_decryption_version").asInt();
                        if (min > key.latest()) {
                            reply(exchange, 400, errors("cannot set min decryption version of " + min
                                    + ", latest key version is " + key.latest()));
                            return;
                        }
                        key.minDecryptionVersion = min <= 0 ? 1 : min;
                    }
                    reply(exchange, 200, data(keyInfo(parts[1], key)));
                }
                default -> reply(exchange, 405, errors("unsupported path"));
            }
            return;
        }
        if (parts.length == 2 && method.equals("POST")) {
            String name = parts[1];
            switch (parts[0]) {
                case "encrypt" -> encrypt(exchange, keys.computeIfAbsent(name, n -> newKey()), body);
                case "decrypt" -> decrypt(exchange, keys.get(name), body);
                case "rewrap" -> rewrap(exchange, keys.get(name), body);
                default -> reply(exchange, 405, errors("unsupported path"));
            }
            return;
        }
        reply(exchange, 405, errors("unsupported operation"));
    }

    private void encrypt(HttpExchange exchange, TransitKey key, JsonNode body) throws IOException {
        byte[] plaintext;
        byte[] aad;
        try {
            plaintext = Base64.getDecoder().decode(body.path("plaintext").asString(""));
            aad = Base64.getDecoder().decode(body.path("associated_data").asString(""));
        } catch (IllegalArgumentException e) {
            reply(exchange, 400, errors("failed to base64-decode plaintext"));
            return;
        }
        int version = body.path("key_version").asInt(0) == 0 ? key.latest() : body.path("key_version").asInt();
        if (version < key.minEncryptionVersion || version > key.latest()) {
            reply(exchange, 400, errors("requested version for encryption is not in the allowed range"));
            return;
        }
        String ciphertext = seal(key, version, plaintext, aad);
        ObjectNode data = JSON.createObjectNode().put("ciphertext", ciphertext).put("key_version", version);
        reply(exchange, 200, data(data));
    }

    private void decrypt(HttpExchange exchange, TransitKey key, JsonNode body) throws IOException {
        decrypts.incrementAndGet();
        if (key == null) {
            reply(exchange, 400, errors("encryption key not found"));
            return;
        }
        byte[] plaintext = unseal(exchange, key, body);
        if (plaintext != null) {
            reply(exchange, 200, data(JSON.createObjectNode().put("plaintext",
                    Base64.getEncoder().encodeToString(plaintext))));
        }
    }

    private void rewrap(HttpExchange exchange, TransitKey key, JsonNode body) throws IOException {
        rewraps.incrementAndGet();
        if (key == null) {
            reply(exchange, 400, errors("encryption key not found"));
            return;
        }
        byte[] plaintext = unseal(exchange, key, body);
        if (plaintext != null) {
            byte[] aad = Base64.getDecoder().decode(body.path("associated_data").asString(""));
            String ciphertext = seal(key, key.latest(), plaintext, aad);
            reply(exchange, 200, data(JSON.createObjectNode().put("ciphertext", ciphertext)
                    .put("key_version", key.latest())));
        }
    }

    /** Vault's checks in policy.Decrypt, in its order, with its messages; null after replying with an error. */
    private byte[] unseal(HttpExchange exchange, TransitKey key, JsonNode body) throws IOException {
        Matcher matcher = CIPHERTEXT.matcher(body.path("ciphertext").asString(""));
        if (!matcher.matches()) {
            reply(exchange, 400, errors("invalid ciphertext: no prefix"));
            return null;
        }
        int version = Integer.parseInt(matcher.group(1));
        if (version < key.minDecryptionVersion) {
            reply(exchange, 400, errors("ciphertext or signature version is disallowed by policy (too old)"));
            return null;
        }
        if (version > key.latest()) {
            reply(exchange, 400, errors("invalid ciphertext: version is too new"));
            return null;
        }
        byte[] decoded;
        byte[] aad;
        try {
            decoded = Base64.getDecoder().decode(matcher.group(2));
            aad = Base64.getDecoder().decode(body.path("associated_data").asString(""));
        } catch (IllegalArgumentException e) {
            reply(exchange, 400, errors("invalid ciphertext: could not decode base64"));
            return null;
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.versions.get(version - 1), new GCMParameterSpec(128, decoded, 0, 12));
            cipher.updateAAD(aad);
            return cipher.doFinal(decoded, 12, decoded.length - 12);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            reply(exchange, 400, errors("cipher: message authentication failed"));
            return null;
        }
    }

    private String seal(TransitKey key, int version, byte[] plaintext, byte[] aad) {
        try {
            byte[] nonce = new byte[12];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key.versions.get(version - 1), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(aad);
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] out = ByteBuffer.allocate(12 + sealed.length).put(nonce).put(sealed).array();
            return "vault:v" + version + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private TransitKey newKey() {
        TransitKey key = new TransitKey();
        addVersion(key);
        return key;
    }

    private void addVersion(TransitKey key) {
        byte[] material = new byte[32];
        random.nextBytes(material);
        key.versions.add(new SecretKeySpec(material, "AES"));
        key.created.add(Instant.now().getEpochSecond());
    }

    private ObjectNode keyInfo(String name, TransitKey key) {
        ObjectNode info = JSON.createObjectNode()
                .put("name", name)
                .put("type", "aes256-gcm96")
                .put("latest_version", key.latest())
                .put("min_decryption_version", key.minDecryptionVersion)
                .put("min_encryption_version", key.minEncryptionVersion)
                .put("deletion_allowed", false)
                .put("derived", false)
                .put("exportable", false)
                .put("supports_encryption", true)
                .put("supports_decryption", true);
        ObjectNode versions = info.putObject("keys");
        for (int v = key.minDecryptionVersion; v <= key.latest(); v++) {
            versions.put(Integer.toString(v), key.created.get(v - 1));
        }
        return info;
    }

    private static ObjectNode data(ObjectNode data) {
        ObjectNode envelope = JSON.createObjectNode()
                .put("request_id", java.util.UUID.randomUUID().toString())
                .put("lease_id", "")
                .put("renewable", false)
                .put("lease_duration", 0);
        envelope.set("data", data);
        envelope.putNull("wrap_info");
        envelope.putNull("warnings");
        envelope.putNull("auth");
        return envelope;
    }

    private static ObjectNode errors(String... messages) {
        ObjectNode envelope = JSON.createObjectNode();
        var list = envelope.putArray("errors");
        for (String message : messages) {
            list.add(message);
        }
        return envelope;
    }

    private static void reply(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
