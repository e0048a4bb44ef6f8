package dev.adsbridge.mcp.inventory;

import dev.adsbridge.meta.Hashes;
import dev.adsbridge.meta.McpExtensions;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Conditional tool calls: a result made from one Graph read that carried Meta's ETag gets a validator in its
 * {@code _meta["dev.adsbridge/etag"]}; a caller that keeps the result sends the validator back with the same call
 * ({@code params._meta["dev.adsbridge/if-none-match"]}), the server revalidates its Graph read with
 * {@code If-None-Match}, and when Meta answers 304 the result is {@code _meta["dev.adsbridge/not-modified"]: true}
 * with one line of text instead of the rows again. Only callers that keep results get validators: a call gets one
 * when it sends {@code if-none-match} (a validator, or {@code "*"} before it holds any), so an agent that never
 * revalidates pays neither the hash nor the bytes.
 *
 * <p>The validator is {@code v1.<Meta's ETag, base64url>.<binding>}, the binding a SHA-256 of the tool's name, its
 * arguments (keys sorted) and the ETag: a validator sent with another tool or other arguments is ignored (the call
 * runs as usual), so a 304 for one read can never stand for another. It holds no token and nothing secret. Meta
 * still counts a revalidating read as a call; what it saves is the answer's bytes and the work of reshaping it.
 */
final class ResultValidator {

    static final String ETAG_META_KEY = McpExtensions.ETAG_META;
    static final String IF_NONE_MATCH_META_KEY = McpExtensions.IF_NONE_MATCH_META;
    static final String NOT_MODIFIED_META_KEY = McpExtensions.NOT_MODIFIED_META;

    private static final String PREFIX = "v1.";
    private static final int MAX_LENGTH = 512;
    private static final JsonMapper SORTED = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private final String tool;
    private final Map<String, Object> arguments;

    ResultValidator(String tool, Map<String, Object> arguments) {
        this.tool = tool;
        this.arguments = arguments == null ? Map.of() : arguments;
    }

    /** Meta's ETag inside a validator made for this tool and these arguments; empty for any other value. */
    Optional<String> graphEtagOf(String validator) {
        if (validator == null || validator.length() > MAX_LENGTH || !validator.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = validator.substring(PREFIX.length()).split("\\.", -1);
        if (parts.length != 2) {
            return Optional.empty();
        }
        String etag;
        try {
            etag = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        if (etag.isEmpty() || etag.chars().anyMatch(c -> c < 0x20 || c >= 0x7f) || !binding(etag).equals(parts[1])) {
            return Optional.empty();
        }
        return Optional.of(etag);
    }

    /** The validator of a result made from one Graph answer with this ETag. */
    String validatorOf(String graphEtag) {
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(graphEtag.getBytes(
                StandardCharsets.UTF_8)) + "." + binding(graphEtag);
    }

    /** The result with its validator in {@code _meta}, when it came from one Graph answer with an ETag. */
    CallToolResult attach(CallToolResult result, Optional<String> graphEtag) {
        if (graphEtag.isEmpty() || graphEtag.get().chars().anyMatch(c -> c < 0x20 || c >= 0x7f)) {
            return result;
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        if (result.meta() != null) {
            meta.putAll(result.meta());
        }
        meta.put(ETAG_META_KEY, validatorOf(graphEtag.get()));
        return new CallToolResult(result.content(), result.isError(), result.structuredContent(), meta);
    }

    /** The answer when Meta says the caller's earlier result still holds: no rows, the same validator. */
    static CallToolResult notModified(String validator) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put(NOT_MODIFIED_META_KEY, true);
        meta.put(ETAG_META_KEY, validator);
        return new CallToolResult(List.of(new TextContent("Not modified: the result you hold for this call (its "
                + ETAG_META_KEY + ") is still current.")), false, null, meta);
    }

    private String binding(String graphEtag) {
        String bound = tool + "\n" + SORTED.writeValueAsString(arguments) + "\n" + graphEtag;
        return Hashes.sha256Hex(bound.getBytes(StandardCharsets.UTF_8)).substring(0, 32);
    }
}
