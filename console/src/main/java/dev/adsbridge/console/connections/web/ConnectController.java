package dev.adsbridge.console.connections.web;

import dev.adsbridge.console.connections.ConnectFlow;
import dev.adsbridge.console.connections.ConnectOutcome;
import dev.adsbridge.console.tenancy.AccessChecks;
import dev.adsbridge.console.tenancy.Member;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** "Connect Facebook Ads" and "Reconnect": out to Meta's login dialog, and back to {@code /connect/callback}. */
@Controller
class ConnectController {

    static final String FAILED_VIEW = "connections/connect-failed";

    private final ConnectFlow flow;
    private final AccessChecks access;

    ConnectController(ConnectFlow flow, AccessChecks access) {
        this.flow = flow;
        this.access = access;
    }

    @PostMapping("/connect")
    String connect(Member me) {
        access.requireWrite(me, "connection.connect", "connection", null, null, null);
        return "redirect:" + flow.start(me, null);
    }

    @PostMapping("/connections/{id}/reconnect")
    String reconnect(Member me, @PathVariable UUID id) {
        access.requireWrite(me, "connection.reconnect", "connection", id.toString(), null, null);
        return "redirect:" + flow.start(me, id);
    }

    @GetMapping("/connect/callback")
    String callback(Member me, @RequestParam(required = false) @Nullable String state,
            @RequestParam(required = false) @Nullable String code,
            @RequestParam(required = false) @Nullable String error,
            @RequestParam(name = "error_reason", required = false) @Nullable String errorReason,
            @RequestParam(name = "error_description", required = false) @Nullable String errorDescription,
            Model model, HttpServletResponse response) {
        ConnectOutcome outcome = flow.complete(me, state, code, error, errorReason, errorDescription);
        if (outcome.succeeded()) {
            return "redirect:/connections/" + outcome.connectionId() + "/ad-accounts?"
                    + (outcome.reconnected() ? "reconnected" : "connected");
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        model.addAttribute("problem", outcome.problem());
        return FAILED_VIEW;
    }
}
