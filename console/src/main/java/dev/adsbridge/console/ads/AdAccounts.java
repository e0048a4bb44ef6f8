package dev.adsbridge.console.ads;

import dev.adsbridge.console.audit.AuditEvent;
import dev.adsbridge.console.connections.ConnectionErased;
import dev.adsbridge.console.connections.ConnectionRevoked;
import dev.adsbridge.console.connections.ConnectionUnavailableException;
import dev.adsbridge.console.connections.Connections;
import dev.adsbridge.console.tenancy.Member;
import dev.adsbridge.console.tenancy.TenantId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/** Lists a connection's ad accounts through the MCP server and keeps the tenant's choice. */
@Service
public class AdAccounts {

    private static final Logger log = LoggerFactory.getLogger(AdAccounts.class);
    static final String LIST_TOOL = "get_ad_accounts";

    private final Connections connections;
    private final McpToolClient mcp;
    private final ChosenAdAccountRepository chosen;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    AdAccounts(Connections connections, McpToolClient mcp, ChosenAdAccountRepository chosen, Clock clock,
            ApplicationEventPublisher events) {
        this.events = events;
        this.connections = connections;
        this.mcp = mcp;
        this.chosen = chosen;
        this.clock = clock;
    }

    /**
     * The ad accounts the connection's Facebook user reaches. An auth error from Meta (category {@code auth}) marks the
     * connection as needing a reconnect.
     *
     * @throws dev.adsbridge.console.NotFoundException when the tenant has no such connection
     */
    public AdAccountListing available(TenantId tenant, UUID connectionId) {
        McpToolClient.ToolResult result;
        try {
            result = connections.withMcp(tenant, connectionId,
                    route -> mcp.call(route, LIST_TOOL, Map.of("limit", 200), false));
        } catch (McpToolClient.McpCredentialRefusedException e) {
            connections.markNeedsReconnect(tenant, connectionId, e.getMessage());
            return AdAccountListing.failed(e.getMessage() + " Enter a new credential for it.", true);
        } catch (ConnectionUnavailableException e) {
            return AdAccountListing.failed(e.getMessage(), true);
        } catch (McpToolClient.McpUnavailableException e) {
            log.warn("Listing ad accounts of connection {} failed: {}", connectionId, e.getMessage());
            return AdAccountListing.failed("Facebook could not be reached just now (" + e.getMessage() + "). The "
                    + "connection itself is fine: try again in a minute.", false);
        }
        if (result.isError()) {
            JsonNode error = result.content().path("error");
            String message = error.path("message").asString("Meta refused the request.");
            if ("auth".equals(error.path("category").asString(""))) {
                String reason = ErrorCatalogue.reconnectReason(error.path("code").asInt(0),
                        error.path("error_subcode").asInt(0));
                connections.markNeedsReconnect(tenant, connectionId, reason);
                return AdAccountListing.failed(reason + " Reconnect to restore it.", true);
            }
            String category = error.path("category").asString("");
            if ("transient".equals(category) || "unknown".equals(category)) {
                // Meta (or the way to it) is down: the token is not in question, so no reconnect.
                return AdAccountListing.failed("Facebook could not be reached just now. The connection itself is "
                        + "fine: try again in a minute.", false);
            }
            ErrorCatalogue.Wording wording = ErrorCatalogue.forMeta(error.path("code").asInt(0),
                    error.path("error_subcode").asInt(0), text(error, "error_user_title"),
                    text(error, "error_user_msg"), message, "meta_error", false);
            return AdAccountListing.failed("Facebook refused to list the ad accounts. " + wording.sentence() + " "
                    + wording.nextStep(), false);
        }
        connections.recordSuccessfulUse(tenant, connectionId);
        List<AdAccount> accounts = new ArrayList<>();
        for (JsonNode account : result.content().path("data")) {
            String id = account.path("id").asString("");
            if (id.isEmpty()) {
                continue;
            }
            accounts.add(new AdAccount(id, account.path("name").asString(id), text(account, "currency"),
                    text(account, "account_status_name"), spent(account),
                    AdAccount.unusableReason(code(account, "account_status"), code(account, "disable_reason"))));
        }
        return AdAccountListing.of(accounts);
    }

    public List<ChosenAdAccount> chosen(TenantId tenant) {
        return chosen.all(tenant);
    }

    public List<ChosenAdAccount> chosen(TenantId tenant, UUID connectionId) {
        return chosen.ofConnection(tenant, connectionId);
    }

    /**
     * Stores which of the connection's ad accounts the tenant uses (replacing the previous choice). Only accounts the
     * connection really reaches are accepted.
     *
     * @throws AdAccountChoiceException when an id is not among the connection's accounts or the list failed
     */
    public List<ChosenAdAccount> choose(Member actor, UUID connectionId, List<String> adAccountIds) {
        actor.requireWrite();
        connections.get(actor.tenantId(), connectionId);
        AdAccountListing listing = available(actor.tenantId(), connectionId);
        if (listing.problem() != null) {
            throw new AdAccountChoiceException(listing.problem());
        }
        Set<String> wanted = new LinkedHashSet<>(adAccountIds);
        List<AdAccount> picked = listing.accounts().stream().filter(a -> wanted.contains(a.id())).toList();
        if (picked.size() != wanted.size()) {
            throw new AdAccountChoiceException("Choose among the ad accounts this connection can reach.");
        }
        for (AdAccount account : picked) {
            if (!account.usable()) {
                throw new AdAccountChoiceException(account.name() + " (" + account.id() + ") cannot be used: "
                        + account.unusableReason());
            }
        }
        List<String> before = chosen.ofConnection(actor.tenantId(), connectionId).stream()
                .map(ChosenAdAccount::adAccountId).toList();
        chosen.replace(actor.tenantId(), connectionId, picked, actor.id(), clock.instant());
        List<ChosenAdAccount> saved = chosen.ofConnection(actor.tenantId(), connectionId);
        // Request id and client IP are filled in by the audit module from the current request.
        events.publishEvent(new AuditEvent(actor.tenantId(), actor.email(), "ad_accounts.chosen", "connection",
                connectionId.toString(), Map.of("ad_accounts", before),
                Map.of("ad_accounts", saved.stream().map(ChosenAdAccount::adAccountId).toList()),
                AuditEvent.SUCCESS, null, null, clock.instant()));
        return saved;
    }

    @ApplicationModuleListener
    void on(ConnectionRevoked event) {
        chosen.deleteConnection(event.tenantId(), event.connectionId());
    }

    @ApplicationModuleListener
    void on(ConnectionErased event) {
        chosen.deleteConnection(event.tenantId(), event.connectionId());
    }

    /** The amount spent as display text ("$1,234.56"), from the minor units and the currency. */
    private static @Nullable String spent(JsonNode account) {
        String formatted = MoneyFormat.format(text(account, "amount_spent"), text(account, "currency"));
        return formatted != null ? formatted : text(account, "amount_spent_formatted");
    }

    private static @Nullable Integer code(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isNumber()) {
            return value.asInt();
        }
        return value.isString() && value.asString().matches("[0-9]{1,4}") ? Integer.valueOf(value.asString()) : null;
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asString();
    }
}
