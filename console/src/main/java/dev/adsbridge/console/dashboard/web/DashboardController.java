package dev.adsbridge.console.dashboard.web;

import dev.adsbridge.console.ads.AdAccounts;
import dev.adsbridge.console.ads.ChosenAdAccount;
import dev.adsbridge.console.connections.Connection;
import dev.adsbridge.console.connections.Connections;
import dev.adsbridge.console.notifications.Notices;
import dev.adsbridge.console.tenancy.Member;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

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
    String dashboard(Member me, @RequestParam(required = false) @Nullable String account, Model model) {
        List<Connection> all = connections.all(me.tenantId());
        model.addAttribute("connections", all.stream().filter(c -> !c.revoked()).toList());
        model.addAttribute("needsReconnect", all.stream().filter(Connection::needsReconnect).toList());
        List<ChosenAdAccount> chosen = adAccounts.chosen(me.tenantId());
        model.addAttribute("adAccounts", chosen);
        // The key numbers are loaded by the page from /api/v1 for the selected account.
        model.addAttribute("accounts", chosen);
        model.addAttribute("account", chosen.stream().filter(a -> a.adAccountId().equals(account)).findFirst()
                .orElse(chosen.isEmpty() ? null : chosen.get(0)));
        // One message per problem: while the reconnect banner is up, its notice would say the same again.
        boolean bannerShown = all.stream().anyMatch(Connection::needsReconnect);
        model.addAttribute("notices", notices.open(me.tenantId()).stream()
                .filter(n -> !(bannerShown && n.kind().equals(Notices.NEEDS_RECONNECT))).toList());
        return VIEW;
    }
}
