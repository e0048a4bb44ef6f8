package dev.adsbridge.console.identity;

import dev.adsbridge.console.tenancy.Member;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts the signed-in member ({@code me}, or null) into every page's model, for the layout's navigation. */
@ControllerAdvice
class SignedInModel {

    private final SignedInMember signedIn;

    SignedInModel(SignedInMember signedIn) {
        this.signedIn = signedIn;
    }

    @ModelAttribute("me")
    @Nullable Member me(HttpServletRequest request) {
        return signedIn.current(request).orElse(null);
    }
}
