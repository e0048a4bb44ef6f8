package dev.adsbridge.console.connections.web;

import dev.adsbridge.console.connections.ConnectFlow;
import dev.adsbridge.console.connections.ConnectOutcome;
import dev.adsbridge.console.connections.RemoteMcpConnections;
import dev.adsbridge.console.tenancy.AccessChecks;
import dev.adsbridge.console.tenancy.Member;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Settings → Other ways to connect (owners only; forms with CSRF): paste a Meta token (an agency's system-user token)
 * instead of the login dialog, or use a hosted Meta Ads MCP server with its credential. Neither secret is ever put back
 * in a page, a redirect or a message: a refused form comes back empty with the reason.
 */
@Controller
class OtherWaysToConnectController {

    static final String VIEW = "connections/other-ways";

    private final ConnectFlow flow;
    private final RemoteMcpConnections remote;
    private final AccessChecks access;

    OtherWaysToConnectController(ConnectFlow flow, RemoteMcpConnections remote, AccessChecks access) {
        this.flow = flow;
        this.remote = remote;
        this.access = access;
    }

    @GetMapping("/settings/connect")
    String show(Member me) {
        access.requireTeamManagement(me, "connection.connect", "connection", null, null, null);
        return VIEW;
    }

    @PostMapping("/settings/connect/token")
    String pasteToken(Member me, @RequestParam(name = "access_token", required = false) @Nullable String token,
            Model model, HttpServletResponse response, RedirectAttributes redirect) {
        access.requireTeamManagement(me, "connection.connect", "connection", null, null,
                java.util.Map.of("method", "manual_token"));
        return done(flow.connectWithToken(me, token), "tokenProblem", model, response, redirect);
    }

    @PostMapping("/settings/connect/mcp")
    String hostedServer(Member me, @RequestParam(name = "mcp_url", required = false) @Nullable String url,
            @RequestParam(required = false) @Nullable String credential, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        access.requireTeamManagement(me, "connection.connect", "connection", null, null,
                java.util.Map.of("method", "remote_mcp"));
        return done(remote.connect(me, url, credential), "mcpProblem", model, response, redirect);
    }

    /** Success: on to the ad-account picker. Refusal: this page again (400), with the reason next to its form. */
    private static String done(ConnectOutcome outcome, String problemField, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        if (outcome.succeeded()) {
            if (outcome.notice() != null) {
                redirect.addFlashAttribute("notice", outcome.notice());
            }
            return "redirect:/connections/" + outcome.connectionId() + "/ad-accounts?"
                    + (outcome.reconnected() ? "reconnected" : "connected");
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        model.addAttribute(problemField, outcome.problem());
        return VIEW;
    }
}
