package dev.adsbridge.console.connections.web;

import dev.adsbridge.console.connections.Connection;
import dev.adsbridge.console.connections.Connections;
import dev.adsbridge.console.connections.MetaRevocation;
import dev.adsbridge.console.tenancy.AccessChecks;
import dev.adsbridge.console.tenancy.Member;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Settings: each connection with its scopes and expiry, what went wrong and how to fix it, Reconnect and Disconnect
 * (after a confirmation page that says whether Facebook access will be revoked).
 */
@Controller
class SettingsController {

    static final String VIEW = "connections/settings";
    static final String CONFIRM_VIEW = "connections/disconnect";

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

    /** The confirmation step: what Disconnect will do for this connection. */
    @GetMapping("/connections/{id}/disconnect")
    String confirmDisconnect(Member me, @PathVariable UUID id, Model model) {
        boolean revokes = connections.disconnectRevokesOnMeta(me, id);
        Connection connection = connections.get(me.tenantId(), id);
        if (connection.revoked()) {
            return "redirect:/settings";
        }
        model.addAttribute("connection", connection);
        model.addAttribute("revokesOnMeta", revokes);
        return CONFIRM_VIEW;
    }

    /** Disconnects only with {@code confirm=yes} from the confirmation page; otherwise shows that page. */
    @PostMapping("/connections/{id}/disconnect")
    String disconnect(Member me, @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String confirm, RedirectAttributes redirect) {
        access.requireWrite(me, "connection.disconnect", "connection", id.toString(), null, null);
        if (!"yes".equals(confirm)) {
            connections.disconnectRevokesOnMeta(me, id); // 403 / 404 before anything else
            return "redirect:/connections/" + id + "/disconnect";
        }
        MetaRevocation outcome = connections.disconnect(me, id);
        redirect.addFlashAttribute("message", switch (outcome) {
            case REVOKED, REMOVED_ON_FACEBOOK -> "Disconnected: access was revoked on Facebook and the token erased.";
            case KEPT_FOR_OTHER_CONNECTIONS -> "Removed here; Facebook access stays for other workspaces using this "
                    + "Facebook account. The token was erased from this workspace.";
            case NOT_CONFIRMED -> "Disconnected and the token erased, but Facebook could not confirm the revocation. "
                    + "You can also remove the app in your Facebook settings.";
            case NOT_NEEDED -> "This connection was already disconnected.";
            case NO_FACEBOOK_TOKEN -> "Disconnected: the hosted MCP server's credential was erased here. Revoke it on "
                    + "that server too if nothing else uses it.";
        });
        return "redirect:/settings";
    }
}
