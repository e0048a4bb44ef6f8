package dev.adsbridge.console.campaigns.web;

import dev.adsbridge.console.NotFoundException;
import dev.adsbridge.console.ads.AdAccounts;
import dev.adsbridge.console.ads.ChosenAdAccount;
import dev.adsbridge.console.tenancy.Member;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Page shells for campaigns, the drill-down, insights and the create flow. Whether write controls are rendered at all
 * is decided here, from the member's role ({@code canWrite}); the API enforces it again on every write.
 */
@Controller
class AdsPagesController {

    static final String CAMPAIGNS = "campaigns/campaigns";
    static final String CAMPAIGN = "campaigns/campaign";
    static final String INSIGHTS = "campaigns/insights";
    static final String CREATE = "campaigns/create";

    /** Meta object ids are digits; anything else never reaches a page's data attributes. */
    private static final Pattern OBJECT_ID = Pattern.compile("\\d{1,30}");

    private final AdAccounts adAccounts;

    AdsPagesController(AdAccounts adAccounts) {
        this.adAccounts = adAccounts;
    }

    @GetMapping("/campaigns")
    String campaigns(Member me, @RequestParam(required = false) @Nullable String account, Model model) {
        shell(me, account, model);
        return CAMPAIGNS;
    }

    @GetMapping("/campaigns/{id}")
    String campaign(Member me, @PathVariable String id, @RequestParam(required = false) @Nullable String account,
            Model model) {
        shell(me, account, model);
        model.addAttribute("campaignId", objectId(id));
        return CAMPAIGN;
    }

    @GetMapping("/insights")
    String insights(Member me, @RequestParam(required = false) @Nullable String account,
            @RequestParam(required = false) @Nullable String object, Model model) {
        shell(me, account, model);
        model.addAttribute("objectId", object == null || object.isBlank() ? null : objectId(object));
        return INSIGHTS;
    }

    @GetMapping("/create")
    String create(Member me, @RequestParam(required = false) @Nullable String account, Model model) {
        shell(me, account, model);
        return CREATE;
    }

    private void shell(Member me, @Nullable String account, Model model) {
        List<ChosenAdAccount> accounts = adAccounts.chosen(me.tenantId());
        ChosenAdAccount selected = accounts.stream().filter(a -> a.adAccountId().equals(account)).findFirst()
                .orElse(accounts.isEmpty() ? null : accounts.get(0));
        model.addAttribute("accounts", accounts);
        model.addAttribute("account", selected);
        model.addAttribute("canWrite", me.canWrite());
    }

    private static String objectId(String id) {
        if (!OBJECT_ID.matcher(id).matches()) {
            throw new NotFoundException("Object");
        }
        return id;
    }
}
