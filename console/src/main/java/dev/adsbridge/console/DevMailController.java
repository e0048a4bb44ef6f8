package dev.adsbridge.console;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code /dev/mail}: the dev outbox, open without signing in (sign-up's confirmation link is read here before anyone
 * has an account). Only in dev mode: production answers 404 to everyone, whatever the outbox setting.
 */
@Controller
class DevMailController {

    private final ConsoleProperties properties;
    private final MailOutbox outbox;

    DevMailController(ConsoleProperties properties, MailOutbox outbox) {
        this.properties = properties;
        this.outbox = outbox;
    }

    @GetMapping("/dev/mail")
    String outbox(Model model) {
        if (!properties.devMode()) {
            throw new NotFoundException("Page");
        }
        model.addAttribute("mails", outbox.mails());
        return "dev/mail";
    }
}
