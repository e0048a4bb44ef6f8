package dev.adsbridge.console.ads.web;

import dev.adsbridge.console.ads.AdAccountChoiceException;
import dev.adsbridge.console.ads.AdAccountListing;
import dev.adsbridge.console.ads.AdAccounts;
import dev.adsbridge.console.ads.ChosenAdAccount;
import dev.adsbridge.console.connections.Connections;
import dev.adsbridge.console.tenancy.AccessChecks;
import dev.adsbridge.console.tenancy.Member;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The ad-account picker of one connection. */
@Controller
class AdAccountController {

    static final String VIEW = "ads/accounts";

    private final AdAccounts adAccounts;
    private final Connections connections;
    private final AccessChecks access;

    AdAccountController(AdAccounts adAccounts, Connections connections, AccessChecks access) {
        this.adAccounts = adAccounts;
        this.connections = connections;
        this.access = access;
    }

    @GetMapping("/connections/{id}/ad-accounts")
    String picker(Member me, @PathVariable UUID id, Model model) {
        model.addAttribute("connection", connections.get(me.tenantId(), id));
        AdAccountListing listing = adAccounts.available(me.tenantId(), id);
        model.addAttribute("listing", listing);
        Set<String> chosen = adAccounts.chosen(me.tenantId(), id).stream()
                .map(ChosenAdAccount::adAccountId).collect(Collectors.toSet());
        model.addAttribute("chosen", chosen);
        // Re-read: listing may just have marked the connection for reconnect.
        model.addAttribute("connection", connections.get(me.tenantId(), id));
        return VIEW;
    }

    @PostMapping("/connections/{id}/ad-accounts")
    String choose(Member me, @PathVariable UUID id,
            @RequestParam(name = "account", required = false) List<String> accounts, RedirectAttributes redirect) {
        List<String> asked = accounts == null ? List.of() : accounts.subList(0, Math.min(50, accounts.size()));
        access.requireWrite(me, "ad_accounts.chosen", "connection", id.toString(), null,
                java.util.Map.of("ad_account_ids", List.copyOf(asked)));
        try {
            List<ChosenAdAccount> saved = adAccounts.choose(me, id, accounts == null ? List.of() : accounts);
            redirect.addFlashAttribute("message", saved.isEmpty() ? "No ad account is in use."
                    : "Saved: " + saved.size() + " ad account" + (saved.size() == 1 ? "" : "s") + " in use.");
            return "redirect:/";
        } catch (AdAccountChoiceException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/connections/" + id + "/ad-accounts";
        }
    }
}
