package dev.adsbridge.console.audit.web;

import dev.adsbridge.console.audit.AuditLog;
import dev.adsbridge.console.audit.AuditPage;
import dev.adsbridge.console.audit.ChainVerification;
import dev.adsbridge.console.tenancy.Member;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/** The audit log page: filters, paging, CSV export and the chain's state. Owners only. */
@Controller
class AuditPageController {

    static final String VIEW = "audit/audit";
    static final int PAGE_SIZE = 50;

    private final AuditLog log;

    AuditPageController(AuditLog log) {
        this.log = log;
    }

    @GetMapping("/audit")
    String page(Member me, @RequestParam(required = false) @Nullable String actor,
            @RequestParam(required = false) @Nullable String action,
            @RequestParam(required = false) @Nullable String outcome,
            @RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String after, Model model) {
        if (!me.canReadAuditLog()) {
            throw new AccessDeniedException("Only owners can see the audit log.");
        }
        AuditQuery query = AuditQuery.parse(actor, action, null, outcome, from, to);
        AuditPage page;
        try {
            page = log.search(me.tenantId(), query.filter(), PAGE_SIZE, after);
        } catch (IllegalArgumentException badCursor) {
            page = log.search(me.tenantId(), query.filter(), PAGE_SIZE, null);
        }
        ChainVerification chain = log.verify(me.tenantId());
        model.addAttribute("entries", page.entries().stream().map(AuditView::of).toList());
        model.addAttribute("problems", query.problems());
        model.addAttribute("chain", chain);
        model.addAttribute("actor", actor == null ? "" : actor);
        model.addAttribute("action", action == null ? "" : action);
        model.addAttribute("outcome", outcome == null ? "" : outcome);
        model.addAttribute("from", from == null ? "" : from);
        model.addAttribute("to", to == null ? "" : to);
        model.addAttribute("outcomes", AuditApiController.outcomes());
        model.addAttribute("firstPage", after != null && !after.isBlank());
        model.addAttribute("csvUrl", withFilters("/api/v1/audit.csv", actor, action, outcome, from, to, null));
        model.addAttribute("newestUrl", withFilters("/audit", actor, action, outcome, from, to, null));
        model.addAttribute("olderUrl", page.nextCursor() == null ? null
                : withFilters("/audit", actor, action, outcome, from, to, page.nextCursor()));
        return VIEW;
    }

    private static String withFilters(String path, @Nullable String actor, @Nullable String action,
            @Nullable String outcome, @Nullable String from, @Nullable String to, @Nullable String after) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
        add(uri, "actor", actor);
        add(uri, "action", action);
        add(uri, "outcome", outcome);
        add(uri, "from", from);
        add(uri, "to", to);
        add(uri, "after", after);
        return uri.encode().build().toUriString();
    }

    private static void add(UriComponentsBuilder uri, String name, @Nullable String value) {
        if (value != null && !value.isBlank()) {
            uri.queryParam(name, value.strip());
        }
    }
}
