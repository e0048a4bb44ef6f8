package dev.adsbridge.console.apikeys.web;

import dev.adsbridge.console.apikeys.ApiCaller;
import dev.adsbridge.console.apikeys.ApiException;
import dev.adsbridge.console.apikeys.ApiKey;
import dev.adsbridge.console.apikeys.ApiKeyScope;
import dev.adsbridge.console.apikeys.ApiKeys;
import dev.adsbridge.console.apikeys.IssuedApiKey;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/api-keys}: owners and admins (signed in, not with a key) list, create and revoke keys. */
@RestController
@RequestMapping("/api/v1/api-keys")
@Tag(name = "API keys", description = "Tenant API keys (owners and admins, signed in)")
class ApiKeysApiController {

    /** The body of a create. */
    record CreateKey(String name, String scope) {
    }

    private final ApiKeys apiKeys;

    ApiKeysApiController(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    @GetMapping
    @Operation(summary = "List the tenant's API keys (never the keys themselves)")
    Map<String, Object> list(ApiCaller caller) {
        caller.requireAdminInPerson();
        List<Map<String, Object>> keys = apiKeys.all(caller.tenant()).stream().map(ApiKeysApiController::json)
                .toList();
        return Map.of("data", keys);
    }

    @PostMapping
    @Operation(summary = "Create an API key; the answer holds the key, shown only this once")
    ResponseEntity<Map<String, Object>> create(ApiCaller caller, @RequestBody CreateKey body) {
        requireAdminInPerson(caller, "api_key.create", "", body.name(),
                body.scope() == null ? null : Map.of("scope", body.scope()));
        if (body.scope() == null) {
            throw ApiException.validation("scope", "Choose read or read_write.");
        }
        IssuedApiKey issued = apiKeys.create(caller.member(), body.name(), ApiKeyScope.parse(body.scope()),
                caller.requestId(), caller.clientIp());
        Map<String, Object> answer = json(issued.key());
        answer.put("key", issued.secret());
        return ResponseEntity.status(HttpStatus.CREATED).body(answer);
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Revoke an API key")
    Map<String, Object> revoke(ApiCaller caller, @PathVariable UUID id) {
        requireAdminInPerson(caller, "api_key.revoke", id.toString(), null, null);
        return json(apiKeys.revoke(caller.member(), id, caller.requestId(), caller.clientIp()));
    }

    /** Keys are managed by owners and admins signed in; any other attempt is refused and audited. */
    private void requireAdminInPerson(ApiCaller caller, String action, String keyId, @Nullable String name,
            @Nullable Map<String, Object> attempted) {
        try {
            caller.requireAdminInPerson();
        } catch (ApiException e) {
            apiKeys.denied(caller.tenant(), caller.actor(), action, keyId, name, attempted, e.getMessage());
            throw e;
        }
    }

    static Map<String, Object> json(ApiKey key) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", key.id().toString());
        map.put("name", key.name());
        map.put("scope", key.scope().wire());
        map.put("prefix", key.prefix());
        map.put("created_at", key.createdAt().toString());
        map.put("last_used_at", key.lastUsedAt() == null ? null : key.lastUsedAt().toString());
        map.put("revoked_at", key.revokedAt() == null ? null : key.revokedAt().toString());
        return map;
    }
}
