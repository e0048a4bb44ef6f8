package dev.adsbridge.console.notifications.web;

import dev.adsbridge.console.notifications.Notices;
import dev.adsbridge.console.tenancy.Member;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** Dismissing a notice (any member may: it only hides it for the tenant). */
@Controller
class NoticeController {

    private final Notices notices;

    NoticeController(Notices notices) {
        this.notices = notices;
    }

    @PostMapping("/notices/{id}/dismiss")
    String dismiss(Member me, @PathVariable UUID id) {
        notices.dismiss(me, id);
        return "redirect:/";
    }
}
