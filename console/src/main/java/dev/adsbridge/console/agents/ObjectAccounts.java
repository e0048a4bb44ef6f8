package dev.adsbridge.console.agents;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.adsbridge.console.tenancy.TenantId;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Which ad account an object (campaign, ad set, ad, creative, audience, report run) lives in, learnt from results
 * the tenant already read or wrote through {@code /mcp}, per tenant, for {@code object-cache-ttl}: an agent that lists
 * campaigns and then reads one by id costs no Graph call to check it. Only what a chosen account's own answer said is
 * remembered; a miss is looked up once ({@code AgentTools.accountOf}).
 */
@Component
class ObjectAccounts {

    /** List tools whose {@code data} are objects of the {@code account_id} the call named. */
    private static final Set<String> ACCOUNT_LISTS = Set.of("get_campaigns", "get_adsets", "get_ads",
            "list_custom_audiences");
    /** Tools whose {@code data} belong to the account of the object the call named (an ad's creatives). */
    private static final Set<String> CHILD_LISTS = Set.of("get_ad_creatives");

    private final Cache<String, String> accounts;

    ObjectAccounts(AgentGatewayProperties properties) {
        this.accounts = Caffeine.newBuilder().expireAfterWrite(properties.objectCacheTtl()).maximumSize(200_000)
                .build();
    }

    Optional<String> get(TenantId tenant, String objectId) {
        return Optional.ofNullable(accounts.getIfPresent(key(tenant, objectId)));
    }

    void put(TenantId tenant, String objectId, String accountId) {
        if (objectId != null && objectId.matches("[0-9]{1,30}")) {
            accounts.put(key(tenant, objectId), accountId);
        }
    }

    /**
     * Learns from a successful result: objects listed under the account the call reached, objects that name their
     * {@code account_id}, and the id a create answered.
     */
    void learn(TenantId tenant, String tool, String accountId, JsonNode structured) {
        if (ACCOUNT_LISTS.contains(tool) || CHILD_LISTS.contains(tool)) {
            for (JsonNode row : structured.path("data")) {
                put(tenant, row.path("id").asString(""), accountId);
            }
        }
        if ("get_objects".equals(tool)) {
            for (JsonNode object : structured) {
                String account = object.path("account_id").asString("");
                if (!account.isEmpty()) {
                    put(tenant, object.path("id").asString(""), account.startsWith("act_") ? account
                            : "act_" + account);
                }
            }
        }
        if (tool.startsWith("create_") || tool.startsWith("duplicate_")) {
            for (String field : new String[] {"id", "campaign_id", "adset_id", "ad_id", "creative_id",
                    "report_run_id", "audience_id", "copied_campaign_id", "copied_adset_id", "copied_ad_id"}) {
                put(tenant, structured.path(field).asString(""), accountId);
            }
        }
    }

    /** Forgets everything (tests, and when a tenant's chosen accounts change nothing needs to: checks run anyway). */
    void clear() {
        accounts.invalidateAll();
    }

    private static String key(TenantId tenant, String objectId) {
        return tenant + ":" + objectId;
    }
}
