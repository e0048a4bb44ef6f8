package dev.adsbridge.console.identity.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page; Spring Security handles the form's POST. */
@Controller
class SignInController {

    static final String VIEW = "identity/signin";

    @GetMapping("/signin")
    String signIn() {
        return VIEW;
    }
}
