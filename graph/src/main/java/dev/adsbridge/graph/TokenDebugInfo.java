package dev.adsbridge.graph;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * What {@code GET /debug_token} says about a token.
 *
 * @param appId               the app the token belongs to
 * @param type                {@code USER}, {@code PAGE}, {@code APP} or {@code SYSTEM_USER}
 * @param application         the app's name
 * @param isValid             false for expired, revoked or malformed tokens (then {@link #error()} says why)
 * @param expiresAt           expiry; empty when the token never expires ({@code expires_at} 0) or Meta did not say
 * @param dataAccessExpiresAt when data access must be renewed by the user
 * @param issuedAt            when the token was issued
 * @param scopes              granted permissions
 * @param granularScopes      permissions restricted to specific objects (ad accounts, pages, businesses)
 * @param userId              the app-scoped user id; null for app tokens
 * @param error               Meta's reason when {@code isValid} is false
 */
public record TokenDebugInfo(
        String appId,
        String type,
        String application,
        boolean isValid,
        Optional<Instant> expiresAt,
        Optional<Instant> dataAccessExpiresAt,
        Optional<Instant> issuedAt,
        List<String> scopes,
        List<GranularScope> granularScopes,
        String userId,
        Optional<Error> error) {

    public TokenDebugInfo {
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(dataAccessExpiresAt, "dataAccessExpiresAt");
        Objects.requireNonNull(issuedAt, "issuedAt");
        scopes = List.copyOf(scopes);
        granularScopes = List.copyOf(granularScopes);
        Objects.requireNonNull(error, "error");
    }

    /**
     * A permission granted only for some objects.
     *
     * @param scope     e.g. {@code ads_management}
     * @param targetIds ids of the objects it covers; empty means all
     */
    public record GranularScope(String scope, List<String> targetIds) {
        public GranularScope {
            Objects.requireNonNull(scope, "scope");
            targetIds = List.copyOf(targetIds);
        }
    }

    /** Why a token is not valid ({@code data.error}). */
    public record Error(int code, Integer subcode, String message) {
    }

    /** Reads the {@code data} object of a debug_token answer; free text passes through {@code redactor}. */
    static TokenDebugInfo fromData(JsonNode data, Redactor redactor) {
        List<GranularScope> granular = new ArrayList<>();
        for (JsonNode entry : data.path("granular_scopes")) {
            String scope = Json.text(entry, "scope");
            if (scope != null) {
                granular.add(new GranularScope(scope, Json.strings(entry.path("target_ids"))));
            }
        }
        JsonNode errorNode = data.path("error");
        Optional<Error> error = errorNode.isObject()
                ? Optional.of(new Error(
                        Optional.ofNullable(Json.smallInteger(errorNode, "code")).orElse(0),
                        Json.smallInteger(errorNode, "subcode"),
                        redactor.redact(Json.text(errorNode, "message"))))
                : Optional.empty();
        return new TokenDebugInfo(
                Json.text(data, "app_id"),
                Json.text(data, "type"),
                Json.text(data, "application"),
                Json.bool(data, "is_valid"),
                epochSeconds(data, "expires_at"),
                epochSeconds(data, "data_access_expires_at"),
                epochSeconds(data, "issued_at"),
                Json.strings(data.path("scopes")),
                granular,
                Json.text(data, "user_id"),
                error);
    }

    /** Meta uses 0 for "never"; both that and a missing field become empty. */
    private static Optional<Instant> epochSeconds(JsonNode data, String field) {
        Long seconds = Json.integer(data, field);
        return seconds == null || seconds <= 0 ? Optional.empty() : Optional.of(Instant.ofEpochSecond(seconds));
    }
}
