package dev.adsbridge.console.agents.oauth;

import dev.adsbridge.console.apikeys.RequestIds;
import dev.adsbridge.console.tenancy.Member;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Settings → AI agents, the agents members allowed by signing in (OAuth): name, scopes, ad accounts, last use, and
 * revoke. The list is also a fragment ({@code agents/oauth-grants :: grants(oauthAgents)}) for the AI agents page.
 */
@Controller
class SignedInAgentsController {

    static final String PATH = "/settings/ai-agents/signed-in";

    private final AgentGrants grants;

    SignedInAgentsController(AgentGrants grants) {
        this.grants = grants;
    }

    @GetMapping(PATH)
    String list(Member me, Model model) {
        model.addAttribute("oauthAgents", grants.list(me));
        return "agents/oauth-grants";
    }

    @PostMapping(PATH + "/{id}/revoke")
    String revoke(Member me, @PathVariable String id, HttpServletRequest request, RedirectAttributes redirect) {
        AgentGrant revoked = grants.revoke(me, id, RequestIds.current(request), request.getRemoteAddr());
        redirect.addFlashAttribute("message", revoked.clientName() + " is revoked: its next call is refused.");
        return "redirect:" + PATH;
    }
}
