package dev.adsbridge.console.apikeys;

import dev.adsbridge.console.Secrets;
import dev.adsbridge.console.tenancy.ActionDenied;
import dev.adsbridge.console.tenancy.Member;
import dev.adsbridge.console.tenancy.Role;
import dev.adsbridge.console.tenancy.Tenancy;
import dev.adsbridge.console.tenancy.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Tenant API keys: {@code abk_} + 32 random bytes (base64url), shown once; stored as their SHA-256 with the first
 * characters for people to recognise them. Owners and admins create and revoke them.
 */
@Service
public class ApiKeys {

    public static final String PREFIX = "abk_";
    private static final int PREFIX_SHOWN = 12;
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final ApiKeyRepository repository;
    private final Tenancy tenancy;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Map<UUID, Instant> touched = new ConcurrentHashMap<>();

    ApiKeys(ApiKeyRepository repository, Tenancy tenancy, ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.tenancy = tenancy;
        this.events = events;
        this.clock = clock;
    }

    public List<ApiKey> all(TenantId tenant) {
        return repository.all(tenant);
    }

    /** The tenant's keys for one purpose, newest first. */
    public List<ApiKey> all(TenantId tenant, ApiKeyPurpose purpose) {
        return repository.all(tenant).stream().filter(k -> k.purpose() == purpose).toList();
    }

    /**
     * Creates a key; the answer holds the secret, which is never shown again.
     *
     * @throws ApiException 400 for a blank or long name, 403 for analysts
     */
    public IssuedApiKey create(Member actor, String name, ApiKeyScope scope, @Nullable String requestId,
            @Nullable String clientIp) {
        return create(actor, name, scope, ApiKeyPurpose.API, List.of(), null, requestId, clientIp);
    }

    /**
     * Creates a key for a purpose; an agent key may be limited to some ad accounts ({@code act_…}, already checked
     * to be among the tenant's chosen ones by the caller) and expire.
     *
     * @throws ApiException 400 for a blank or long name or an expiry in the past, 403 for analysts
     */
    public IssuedApiKey create(Member actor, String name, ApiKeyScope scope, ApiKeyPurpose purpose,
            List<String> adAccounts, @Nullable Instant expiresAt, @Nullable String requestId,
            @Nullable String clientIp) {
        if (!actor.canWrite()) {
            denied(actor.tenantId(), actor.email(), "api_key.create", "", name, Map.of("scope", scope.wire()),
                    "Analysts have read-only access.");
            throw ApiException.forbiddenRole();
        }
        String cleanName = name == null ? "" : name.strip();
        if (cleanName.isEmpty() || cleanName.length() > 200) {
            throw ApiException.validation("name", "Give the key a name of 1 to 200 characters.");
        }
        // JSON bodies can carry "\u0000" and the like; form and query parameters are refused earlier.
        if (cleanName.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.validation("name", "The name holds a control character (such as a NUL byte), which is "
                    + "not allowed.");
        }
        if (expiresAt != null && !expiresAt.isAfter(clock.instant())) {
            throw ApiException.validation("expires_at", "Choose an expiry in the future, or none.");
        }
        if (purpose == ApiKeyPurpose.API && !adAccounts.isEmpty()) {
            throw ApiException.validation("ad_accounts", "Only agent keys are limited to ad accounts.");
        }
        String secret = PREFIX + Secrets.random();
        ApiKey key = new ApiKey(UUID.randomUUID(), cleanName, scope, secret.substring(0, PREFIX_SHOWN),
                clock.instant(), null, null, purpose, adAccounts, expiresAt);
        repository.insert(actor.tenantId(), key, Secrets.hash(secret), actor.id());
        events.publishEvent(new ApiKeyChanged(actor.tenantId(), ApiKeyChanged.Change.CREATED, actor.email(), null, key,
                requestId, clientIp, clock.instant()));
        return new IssuedApiKey(key, secret);
    }

    /** @throws ApiException 404 when the tenant has no such key, 403 for analysts */
    public ApiKey revoke(Member actor, UUID id, @Nullable String requestId, @Nullable String clientIp) {
        ApiKey key = repository.find(actor.tenantId(), id).orElseThrow(ApiException::notFound);
        if (!actor.canWrite()) {
            denied(actor.tenantId(), actor.email(), "api_key.revoke", id.toString(), key.name(), null,
                    "Analysts have read-only access.");
            throw ApiException.forbiddenRole();
        }
        repository.revoke(actor.tenantId(), id, clock.instant());
        ApiKey revoked = repository.find(actor.tenantId(), id).orElseThrow(ApiException::notFound);
        if (key.active()) {
            events.publishEvent(new ApiKeyChanged(actor.tenantId(), ApiKeyChanged.Change.REVOKED, actor.email(), key,
                    revoked, requestId, clientIp, clock.instant()));
        }
        return revoked;
    }

    /**
     * The caller a presented key stands for, when it is a live key of a tenant whose creator is still a member.
     * Records the use (at most once a minute per key).
     */
    public Optional<ApiKeyPrincipal> authenticate(String presented) {
        if (presented == null || !presented.startsWith(PREFIX) || presented.length() > 200) {
            return Optional.empty();
        }
        Optional<ApiKeyRepository.Stored> stored = repository.byHash(Secrets.hash(presented));
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        ApiKeyRepository.Stored found = stored.get();
        if (found.key().expired(clock.instant())) {
            return Optional.empty();
        }
        Optional<Member> creator = tenancy.member(found.tenant(), found.createdBy());
        if (creator.isEmpty()) {
            return Optional.empty();
        }
        Member c = creator.get();
        ApiKey key = found.key();
        Role role = key.scope() == ApiKeyScope.READ_WRITE && c.canWrite() ? Role.ADMIN : Role.ANALYST;
        Member actingAs = new Member(c.id(), c.tenantId(), c.tenantName(), "api-key:" + key.id(),
                "API key " + key.name(), role, c.createdAt());
        Instant now = clock.instant();
        Instant last = touched.get(key.id());
        if (last == null || last.plus(TOUCH_EVERY).isBefore(now)) {
            touched.put(key.id(), now);
            repository.touch(key.id(), now);
        }
        return Optional.of(new ApiKeyPrincipal(key.id(), found.tenant(), key.name(), key.prefix(), key.scope(),
                actingAs, c.role(), c.email(), key.purpose(), key.adAccounts(), key.expiresAt()));
    }

    /**
     * Reports a refused key action (an analyst, or an API key asking to manage keys) for the audit log.
     *
     * @param targetName the key's name, when known
     */
    public void denied(TenantId tenant, String actor, String action, String keyId, @Nullable String targetName,
            @Nullable Map<String, Object> attempted, String reason) {
        String name = targetName == null || targetName.length() <= 200 ? targetName : targetName.substring(0, 200);
        events.publishEvent(new ActionDenied(tenant, actor, action, "api_key", keyId, name, attempted, reason));
    }

    /** A key as the audit log shows it: never the secret, only its first characters. */
    public static Map<String, Object> describe(ApiKey key) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", key.name());
        map.put("scope", key.scope().wire());
        map.put("prefix", key.prefix());
        map.put("revoked", !key.active());
        if (key.purpose() != ApiKeyPurpose.API) {
            map.put("purpose", key.purpose().wire());
        }
        if (!key.adAccounts().isEmpty()) {
            map.put("ad_accounts", key.adAccounts());
        }
        if (key.expiresAt() != null) {
            map.put("expires_at", key.expiresAt().toString());
        }
        return map;
    }
}
