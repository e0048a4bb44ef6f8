package dev.adsbridge.console.ads;

import dev.adsbridge.console.audit.AuditEvent;
import dev.adsbridge.console.tenancy.TenantId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * What the tenant MCP endpoint (module {@code agents}) needs of the ads module: the tenant's chosen accounts, which
 * chosen account an object lives in, a tool call with the tenant's Meta token (the token never leaves this module:
 * {@link AdsGateway} opens it from the vault for the one call), the console's spend rule for agent writes, and the
 * audit log. Same path, caches, back-off and error handling as the console's own pages.
 */
@Service
public class AgentTools {

    private final AdsGateway gateway;
    private final McpToolClient mcp;
    private final AgentSpendRule spendRule;

    AgentTools(AdsGateway gateway, McpToolClient mcp, AgentSpendRule spendRule) {
        this.gateway = gateway;
        this.mcp = mcp;
        this.spendRule = spendRule;
    }

    /** The MCP server's tool list ({@code tools/list} result); {@code readOnly}: the read tools only. */
    public JsonNode listTools(boolean readOnly) {
        try {
            return mcp.listTools(readOnly);
        } catch (McpToolClient.McpUnavailableException e) {
            throw unavailable();
        }
    }

    /** The ad accounts the tenant chose ({@code act_…}). */
    public List<String> chosenAccounts(TenantId tenant) {
        return gateway.chosen().all(tenant).stream().map(ChosenAdAccount::adAccountId).distinct().toList();
    }

    /**
     * The chosen account an object (campaign, ad set, ad, creative, report run…) lives in, found with one
     * {@code get_objects} call per connection; empty when it is in none of them (or does not exist).
     */
    public Optional<String> accountOf(AdsCaller caller, String objectId) {
        try {
            return Optional.of(gateway.locateWith(caller, null, objectId, "id,account_id").accountId());
        } catch (AdsException e) {
            if (e.problem() == AdsException.Problem.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Calls a tool with the Meta token of the connection that reaches {@code accountId} (a chosen account), or of
     * the tenant's first connection with a chosen account when the call names none (searches, targeting). Answers
     * the tool's MCP result as the server sent it ({@code isError} results included).
     *
     * @throws AdsException when the tenant has no usable connection, or the MCP server cannot be reached
     */
    public JsonNode call(AdsCaller caller, @Nullable String accountId, String tool, Map<String, Object> args,
            boolean write) {
        UUID connection;
        if (accountId != null) {
            connection = gateway.scope(caller.tenant(), accountId).connectionId();
        } else {
            connection = gateway.chosen().all(caller.tenant()).stream().map(ChosenAdAccount::connectionId)
                    .findFirst().orElseThrow(() -> new AdsException(AdsException.Problem.CONNECTION,
                            "no_connection", "Connect Facebook Ads and choose an ad account first."));
        }
        return gateway.callForAgent(caller, connection, accountId, tool, args, write).result();
    }

    /**
     * The console's rule for an agent's write that can start or raise spend: an agent creates PAUSED objects; to
     * create something active, activate, raise a budget or bid, extend a schedule or copy something active it must
     * send {@code confirm: true}; the tenant's spending limits ({@link SpendGuards}) apply as in the console (above
     * confirm-above it must also name {@code confirm_amount}; above the hard cap it is refused).
     *
     * @throws AdsException {@code confirmation_required} or {@code refused_by_guard}
     */
    public void reviewSpend(AdsCaller caller, String tool, String accountId, Map<String, Object> args) {
        spendRule.review(caller, tool, accountId, args);
    }

    /** Records an agent's write (or its refusal) in the tenant's audit log. */
    public void audit(AdsCaller caller, String action, String targetType, String targetId,
            @Nullable Map<String, Object> after, String outcome) {
        gateway.audit(caller, action, targetType, targetId, null, after, outcome);
    }

    /** Whether an outcome string is one the audit log takes. */
    public static String outcome(boolean success) {
        return success ? AuditEvent.SUCCESS : AuditEvent.FAILURE;
    }

    private static AdsException unavailable() {
        return new AdsException(AdsException.Problem.UNAVAILABLE, "service_unavailable",
                "The console cannot reach Facebook just now.", null, null, null, 5L);
    }
}
