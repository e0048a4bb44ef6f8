package dev.adsbridge.console.agents;

import dev.adsbridge.console.apikeys.ApiKeyPrincipal;
import dev.adsbridge.console.apikeys.ApiKeyScope;
import dev.adsbridge.console.apikeys.ApiKeys;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Tenant API keys at {@code /mcp}: {@code abk_…} keys of either purpose (REST API keys and agent keys). A read key
 * gives {@code ads:read}, a read_write key {@code ads:read ads:write}; the member is the key's creator with their role
 * today, so a key made by an analyst, or by an admin since made analyst, only reads. Revoked, expired and removed
 * creators' keys answer empty on the next call.
 */
@Component
class ApiKeyAgentAuthenticator implements AgentAuthenticator {

    private final ApiKeys apiKeys;

    ApiKeyAgentAuthenticator(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    @Override
    public boolean recognizes(String bearerToken) {
        return bearerToken.startsWith(ApiKeys.PREFIX);
    }

    @Override
    public Optional<AgentCredential> authenticate(String bearerToken) {
        return apiKeys.authenticate(bearerToken).map(ApiKeyAgentAuthenticator::credential);
    }

    static AgentCredential credential(ApiKeyPrincipal key) {
        Set<AgentScope> scopes = key.scope() == ApiKeyScope.READ_WRITE
                ? EnumSet.of(AgentScope.ADS_READ, AgentScope.ADS_WRITE) : EnumSet.of(AgentScope.ADS_READ);
        Set<String> accounts = key.adAccounts().isEmpty() ? null : new HashSet<>(key.adAccounts());
        return new AgentCredential(key.keyId().toString(), AgentCredential.Kind.API_KEY, key.tenant(),
                key.member().id(), key.creatorEmail(), key.creatorRole(), scopes, accounts, key.expiresAt(),
                key.name());
    }
}
