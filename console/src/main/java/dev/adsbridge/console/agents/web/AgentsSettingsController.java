package dev.adsbridge.console.agents.web;

import dev.adsbridge.console.ConsoleUrls;
import dev.adsbridge.console.NotFoundException;
import dev.adsbridge.console.ads.AdAccounts;
import dev.adsbridge.console.ads.ChosenAdAccount;
import dev.adsbridge.console.agents.AuthorizedAgents;
import dev.adsbridge.console.apikeys.ApiException;
import dev.adsbridge.console.apikeys.ApiKeyPurpose;
import dev.adsbridge.console.apikeys.ApiKeyScope;
import dev.adsbridge.console.apikeys.ApiKeys;
import dev.adsbridge.console.apikeys.IssuedApiKey;
import dev.adsbridge.console.apikeys.RequestIds;
import dev.adsbridge.console.tenancy.Member;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Settings → AI agents: the tenant MCP endpoint's URL, configuration to paste into common MCP clients, agent keys
 * (create with a scope, optional ad accounts and expiry; the key is shown once; revoke), and the agents authorized
 * with OAuth when the authorization server provides them ({@link AuthorizedAgents}). Owners and admins manage keys;
 * every member sees the page.
 */
@Controller
class AgentsSettingsController {

    static final String VIEW = "agents/agents";

    private final ApiKeys apiKeys;
    private final AdAccounts adAccounts;
    private final ConsoleUrls urls;
    private final Clock clock;
    private final ObjectProvider<AuthorizedAgents> authorized;

    AgentsSettingsController(ApiKeys apiKeys, AdAccounts adAccounts, ConsoleUrls urls, Clock clock,
            ObjectProvider<AuthorizedAgents> authorized) {
        this.apiKeys = apiKeys;
        this.adAccounts = adAccounts;
        this.urls = urls;
        this.clock = clock;
        this.authorized = authorized;
    }

    @GetMapping("/settings/agents")
    String page(Member me, Model model) {
        return render(me, model);
    }

    @PostMapping("/settings/agents/keys")
    String create(Member me, @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "read") String scope,
            @RequestParam(name = "account", required = false) List<String> accounts,
            @RequestParam(name = "expires_days", defaultValue = "0") String expiresDays,
            HttpServletRequest request, Model model) {
        if (!me.canWrite()) {
            apiKeys.denied(me.tenantId(), me.email(), "api_key.create", "", name, Map.of("scope", scope,
                    "purpose", "agent"), "Analysts have read-only access.");
            throw new AccessDeniedException("Analysts have read-only access.");
        }
        try {
            List<String> chosen = adAccounts.chosen(me.tenantId()).stream().map(ChosenAdAccount::adAccountId)
                    .toList();
            List<String> limited = new ArrayList<>(new LinkedHashSet<>(accounts == null ? List.of() : accounts));
            for (String account : limited) {
                if (!chosen.contains(account)) {
                    throw ApiException.validation("account", "Choose among the ad accounts this workspace uses.");
                }
            }
            Instant expires = expiry(expiresDays);
            IssuedApiKey issued = apiKeys.create(me, name, ApiKeyScope.parse(scope), ApiKeyPurpose.AGENT, limited,
                    expires, RequestIds.current(request), request.getRemoteAddr());
            // Rendered, not redirected: the key must never travel through a flash attribute or a URL.
            model.addAttribute("issued", issued);
        } catch (ApiException e) {
            model.addAttribute("error", e.getMessage());
        }
        return render(me, model);
    }

    @PostMapping("/settings/agents/keys/{id}/revoke")
    String revoke(Member me, @PathVariable UUID id, HttpServletRequest request, RedirectAttributes redirect) {
        try {
            apiKeys.revoke(me, id, RequestIds.current(request), request.getRemoteAddr());
        } catch (ApiException e) {
            if (e.status() == 404) {
                throw new NotFoundException("Agent key");
            }
            if (e.status() == 403) {
                throw new AccessDeniedException(e.getMessage());
            }
            throw e;
        }
        redirect.addFlashAttribute("message", "The key is revoked: the agent's next call is refused.");
        return "redirect:/settings/agents";
    }

    @PostMapping("/settings/agents/authorized/{id}/revoke")
    String revokeAuthorized(Member me, @PathVariable String id, RedirectAttributes redirect) {
        AuthorizedAgents agents = authorized.getIfAvailable();
        if (agents == null || !agents.revoke(me, id)) {
            throw new NotFoundException("Authorized agent");
        }
        redirect.addFlashAttribute("message", "Access revoked: the agent's next call is refused.");
        return "redirect:/settings/agents";
    }

    private String render(Member me, Model model) {
        String endpoint = urls.baseUrl() + "/mcp";
        model.addAttribute("endpoint", endpoint);
        model.addAttribute("keys", apiKeys.all(me.tenantId(), ApiKeyPurpose.AGENT));
        List<ChosenAdAccount> chosen = adAccounts.chosen(me.tenantId());
        model.addAttribute("chosen", chosen);
        // The lists name accounts as people know them; an account no longer chosen keeps its id.
        Map<String, String> names = new HashMap<>();
        chosen.forEach(account -> names.put(account.adAccountId(), account.name()));
        model.addAttribute("accountNames", names);
        AuthorizedAgents agents = authorized.getIfAvailable();
        model.addAttribute("oauthAvailable", agents != null);
        model.addAttribute("authorized", agents == null ? List.of() : agents.list(me.tenantId()));
        model.addAttribute("snippets", ClientSnippets.forKey(endpoint));
        return VIEW;
    }

    private @Nullable Instant expiry(String days) {
        int n;
        try {
            n = Integer.parseInt(days.strip());
        } catch (NumberFormatException e) {
            throw ApiException.validation("expires_days", "Choose an expiry.");
        }
        if (n < 0 || n > 3650) {
            throw ApiException.validation("expires_days", "Choose an expiry.");
        }
        return n == 0 ? null : clock.instant().plus(Duration.ofDays(n));
    }
}
