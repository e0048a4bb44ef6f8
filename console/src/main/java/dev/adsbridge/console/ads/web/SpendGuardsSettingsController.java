package dev.adsbridge.console.ads.web;

import dev.adsbridge.console.ads.AdsCaller;
import dev.adsbridge.console.ads.AdsException;
import dev.adsbridge.console.ads.SpendGuards;
import dev.adsbridge.console.apikeys.RequestIds;
import dev.adsbridge.console.tenancy.Member;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Settings → Spending limits: owners set per-day limits for every ad account in a currency or for one account. */
@Controller
class SpendGuardsSettingsController {

    static final String VIEW = "ads/spend-guards";

    private final SpendGuards guards;

    SpendGuardsSettingsController(SpendGuards guards) {
        this.guards = guards;
    }

    @GetMapping("/settings/spend-guards")
    String show(Member me, Model model) {
        me.requireTeamManagement(); // owners only
        model.addAttribute("view", guards.view(me.tenantId()));
        return VIEW;
    }

    @PostMapping("/settings/spend-guards")
    String save(Member me, @RequestParam(name = "ad_account_id", defaultValue = "*") String account,
            @RequestParam(defaultValue = "") String currency,
            @RequestParam(name = "confirm_above", defaultValue = "") String confirmAbove,
            @RequestParam(name = "hard_cap", defaultValue = "") String hardCap, HttpServletRequest request,
            Model model, RedirectAttributes redirect) {
        me.requireTeamManagement();
        AdsCaller caller = new AdsCaller(me.tenantId(), me.email(), null, RequestIds.current(request),
                request.getRemoteAddr());
        try {
            guards.put(caller, me.id(), true, account, currency, confirmAbove, hardCap);
        } catch (AdsException e) {
            model.addAttribute("error", e.getMessage());
            model.addAttribute("view", guards.view(me.tenantId()));
            return VIEW;
        }
        redirect.addFlashAttribute("message", confirmAbove.isBlank() && hardCap.isBlank()
                ? "The limits are back to the defaults." : "The spending limits are saved.");
        return "redirect:/settings/spend-guards";
    }
}
