package dev.adsbridge.console.agents.oauth;

import dev.adsbridge.console.ads.AdAccounts;
import dev.adsbridge.console.ads.ChosenAdAccount;
import dev.adsbridge.console.tenancy.Member;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The consent screen an agent's sign-in lands on after the member signed in: which agent (its name, and the host its
 * sign-in returns to), the tenant, the scopes ({@code ads:write} only for roles that write) and the tenant's picked ad
 * accounts, all checked, which the member can narrow; Allow or Deny post to the authorization endpoint with the CSRF
 * token. Reached only with the state of an authorization in flight for this member.
 */
@Controller
class ConsentController {

    private static final OAuth2TokenType STATE = new OAuth2TokenType(OAuth2ParameterNames.STATE);

    private final AgentClients clients;
    private final OAuth2AuthorizationService authorizations;
    private final AdAccounts adAccounts;

    ConsentController(AgentClients clients, OAuth2AuthorizationService authorizations, AdAccounts adAccounts) {
        this.clients = clients;
        this.authorizations = authorizations;
        this.adAccounts = adAccounts;
    }

    /** One scope as the screen offers it. */
    record ScopeChoice(String value, String label, String description) {
    }

    @GetMapping(AuthorizationServerConfiguration.CONSENT_PAGE)
    String consent(Member me, Principal principal, @RequestParam(OAuth2ParameterNames.CLIENT_ID) String clientId,
            @RequestParam(name = OAuth2ParameterNames.SCOPE, defaultValue = "") String scope,
            @RequestParam(OAuth2ParameterNames.STATE) String state, Model model, HttpServletResponse response) {
        RegisteredClient client = clients.findByClientId(clientId);
        OAuth2Authorization inFlight = authorizations.findByToken(state, STATE);
        if (client == null || inFlight == null || !inFlight.getRegisteredClientId().equals(client.getId())
                || !inFlight.getPrincipalName().equals(name(principal))) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "This sign-in request is not valid any more: "
                    + "start again from your AI agent.");
        }
        OAuth2AuthorizationRequest request = inFlight.getAttribute(OAuth2AuthorizationRequest.class.getName());
        String redirectUri = request != null && request.getRedirectUri() != null ? request.getRedirectUri()
                : client.getRedirectUris().iterator().next();
        Set<String> requested = Set.of(scope.split(" "));
        List<ScopeChoice> scopes = new ArrayList<>();
        scopes.add(new ScopeChoice(McpResource.READ, "Read", "See campaigns, ad sets, ads, creatives, audiences and "
                + "insights of the accounts below."));
        if (requested.contains(McpResource.WRITE) && me.canWrite()) {
            scopes.add(new ScopeChoice(McpResource.WRITE, "Change", "Create campaigns, ad sets, ads and creatives "
                    + "(paused), and change status and budgets, with the same confirmations and spending limits as "
                    + "the console."));
        }
        List<ChosenAdAccount> accounts = adAccounts.chosen(me.tenantId());
        model.addAttribute("clientName", client.getClientName());
        model.addAttribute("clientId", client.getClientId());
        model.addAttribute("clientIdIsUrl", ClientMetadataDocuments.isDocumentUrl(client.getClientId()));
        model.addAttribute("redirectHost", RedirectUris.shownHost(redirectUri));
        model.addAttribute("state", state);
        model.addAttribute("scopes", scopes);
        model.addAttribute("writeWithheld", requested.contains(McpResource.WRITE) && !me.canWrite());
        model.addAttribute("accounts", accounts);
        // The page's forms post here, and the answer redirects to the agent: that target must be allowed too.
        response.setHeader("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; "
                + "img-src 'self' data:; form-action 'self' " + formTarget(redirectUri)
                + "; frame-ancestors 'none'; base-uri 'none'");
        return "agents/consent";
    }

    private static String name(Principal principal) {
        return principal instanceof Authentication authentication ? authentication.getName() : principal.getName();
    }

    /** The CSP source that allows the redirect to the agent: its origin, or its private-use scheme. */
    static String formTarget(String redirectUri) {
        URI uri = URI.create(redirectUri);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null) {
            return scheme + ":";
        }
        String host = uri.getHost();
        return scheme + "://" + host + (RedirectUris.isLoopback(host) ? ":*" : uri.getPort() > 0 ? ":" + uri.getPort()
                : "");
    }
}
