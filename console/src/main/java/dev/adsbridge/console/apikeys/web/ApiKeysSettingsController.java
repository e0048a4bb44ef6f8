package dev.adsbridge.console.apikeys.web;

import dev.adsbridge.console.apikeys.ApiException;
import dev.adsbridge.console.apikeys.ApiKeyScope;
import dev.adsbridge.console.apikeys.ApiKeys;
import dev.adsbridge.console.apikeys.IssuedApiKey;
import dev.adsbridge.console.apikeys.RequestIds;
import dev.adsbridge.console.tenancy.Member;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Settings → API keys: owners and admins list, create (the key is shown once) and revoke keys. */
@Controller
class ApiKeysSettingsController {

    static final String VIEW = "apikeys/keys";

    private final ApiKeys apiKeys;

    ApiKeysSettingsController(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    @GetMapping("/settings/api-keys")
    String keys(Member me, Model model) {
        me.requireWrite();
        model.addAttribute("keys", apiKeys.all(me.tenantId()));
        return VIEW;
    }

    @PostMapping("/settings/api-keys")
    String create(Member me, @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "read") String scope, HttpServletRequest request, Model model) {
        if (!me.canWrite()) {
            apiKeys.denied(me.tenantId(), me.email(), "api_key.create", "", name, Map.of("scope", scope),
                    "Analysts have read-only access.");
        }
        me.requireWrite();
        try {
            IssuedApiKey issued = apiKeys.create(me, name, ApiKeyScope.parse(scope), RequestIds.current(request),
                    request.getRemoteAddr());
            // Rendered, not redirected: the key must never travel through a flash attribute or a URL.
            model.addAttribute("issued", issued);
        } catch (ApiException e) {
            model.addAttribute("error", e.getMessage());
        }
        model.addAttribute("keys", apiKeys.all(me.tenantId()));
        return VIEW;
    }

    @PostMapping("/settings/api-keys/{id}/revoke")
    String revoke(Member me, @PathVariable UUID id, HttpServletRequest request, RedirectAttributes redirect) {
        try {
            apiKeys.revoke(me, id, RequestIds.current(request), request.getRemoteAddr());
        } catch (ApiException e) {
            if (e.status() == 404) {
                throw new dev.adsbridge.console.NotFoundException("API key");
            }
            if (e.status() == 403) {
                throw new org.springframework.security.access.AccessDeniedException(e.getMessage());
            }
            throw e;
        }
        redirect.addFlashAttribute("message", "The key is revoked: requests with it are refused from now on.");
        return "redirect:/settings/api-keys";
    }
}
