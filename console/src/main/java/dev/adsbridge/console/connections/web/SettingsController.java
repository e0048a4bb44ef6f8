package dev.adsbridge.console.connections.web;

import dev.adsbridge.console.connections.Connections;
import dev.adsbridge.console.tenancy.AccessChecks;
import dev.adsbridge.console.tenancy.Member;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Settings: each connection with its scopes and expiry, Reconnect and Disconnect. */
@Controller
class SettingsController {

    static final String VIEW = "connections/settings";

    private final Connections connections;
    private final AccessChecks access;

    SettingsController(Connections connections, AccessChecks access) {
        this.connections = connections;
        this.access = access;
    }

    @GetMapping("/settings")
    String settings(Member me, Model model) {
        model.addAttribute("connections", connections.all(me.tenantId()));
        return VIEW;
    }

    @PostMapping("/connections/{id}/disconnect")
    String disconnect(Member me, @PathVariable UUID id, RedirectAttributes redirect) {
        access.requireWrite(me, "connection.disconnect", "connection", id.toString(), null, null);
        boolean confirmed = connections.disconnect(me, id);
        redirect.addFlashAttribute("message", confirmed
                ? "Disconnected: access was revoked on Facebook and the token erased."
                : "Disconnected and the token erased, but Facebook could not confirm the revocation. "
                        + "You can also remove the app in your Facebook settings.");
        return "redirect:/settings";
    }
}
