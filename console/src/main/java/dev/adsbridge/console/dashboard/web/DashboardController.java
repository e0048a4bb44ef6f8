package dev.adsbridge.console.dashboard.web;

import dev.adsbridge.console.ads.AdAccounts;
import dev.adsbridge.console.connections.Connection;
import dev.adsbridge.console.connections.Connections;
import dev.adsbridge.console.notifications.Notices;
import dev.adsbridge.console.tenancy.Member;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The landing page after sign-in. */
@Controller
class DashboardController {

    static final String VIEW = "dashboard/dashboard";

    private final Connections connections;
    private final AdAccounts adAccounts;
    private final Notices notices;

    DashboardController(Connections connections, AdAccounts adAccounts, Notices notices) {
        this.connections = connections;
        this.adAccounts = adAccounts;
        this.notices = notices;
    }

    @GetMapping("/")
    String dashboard(Member me, Model model) {
        List<Connection> all = connections.all(me.tenantId());
        model.addAttribute("connections", all.stream().filter(c -> !c.revoked()).toList());
        model.addAttribute("needsReconnect", all.stream().filter(Connection::needsReconnect).toList());
        model.addAttribute("adAccounts", adAccounts.chosen(me.tenantId()));
        model.addAttribute("notices", notices.open(me.tenantId()));
        return VIEW;
    }
}
