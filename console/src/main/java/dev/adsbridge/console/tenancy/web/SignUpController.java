package dev.adsbridge.console.tenancy.web;

import dev.adsbridge.console.ConsoleProperties;
import dev.adsbridge.console.tenancy.Member;
import dev.adsbridge.console.tenancy.SignUpLinkRefused;
import dev.adsbridge.console.tenancy.Tenancy;
import dev.adsbridge.console.tenancy.TenancyException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Sign-up: a new tenant and its owner. With e-mail verification (the default) every address gets the same answer,
 * "check your inbox", and a mail: a new address a single-use confirmation link that creates the account and signs in
 * ({@code /signup/confirm/{secret}}), a taken one a note. Without it, a new owner is signed in at once.
 */
@Controller
class SignUpController {

    static final String VIEW = "tenancy/signup";
    static final String SENT_VIEW = "tenancy/signup-sent";
    static final String CONFIRM_VIEW = "tenancy/signup-confirm";

    private final Tenancy tenancy;
    private final JoinedSignIn joined;
    private final ConsoleProperties properties;

    SignUpController(Tenancy tenancy, JoinedSignIn joined, ConsoleProperties properties) {
        this.tenancy = tenancy;
        this.joined = joined;
        this.properties = properties;
    }

    record SignUpForm(
            @NotBlank(message = "Enter your company's name.") @Size(max = 200) String company,
            @NotBlank(message = "Enter your name.") @Size(max = 200) String name,
            @NotBlank(message = "Enter your e-mail address.") @Email(message = "Enter a valid e-mail address.")
            @Size(max = 320) String email,
            @NotBlank(message = "Choose a password.") @Size(min = Tenancy.MIN_PASSWORD_LENGTH, max = 200,
                    message = "Choose a password of at least 12 characters.") String password) {

        @Override
        public String toString() {
            return "SignUpForm[company=" + company + ", name=" + name + "]"; // no address, no password
        }
    }

    @GetMapping("/signup")
    String form(Model model) {
        model.addAttribute("form", new SignUpForm("", "", "", ""));
        return VIEW;
    }

    @PostMapping("/signup")
    String signUp(@Valid @ModelAttribute("form") SignUpForm form, BindingResult errors, Model model,
            RedirectAttributes redirect, HttpServletRequest request, HttpServletResponse response) {
        if (errors.hasErrors()) {
            model.addAttribute("error", errors.getAllErrors().get(0).getDefaultMessage());
            return VIEW;
        }
        String email = form.email().strip();
        if (!tenancy.verifiesEmail()) {
            return signUpWithoutVerification(form, email, model, request, response);
        }
        try {
            // New or taken, the address gets one mail and the browser the same answer.
            tenancy.requestSignUp(form.company(), form.name(), email, form.password());
        } catch (TenancyException e) {
            model.addAttribute("error", e.getMessage());
            return VIEW;
        }
        // Shown once on the next page; kept in the session, never in the URL.
        redirect.addFlashAttribute("sentTo", email);
        return "redirect:/signup/sent";
    }

    @GetMapping("/signup/sent")
    String sent(Model model) {
        model.addAttribute("devMode", properties.devMode());
        model.addAttribute("minutes", tenancy.signUpLinkLifetime().toMinutes());
        return SENT_VIEW;
    }

    /** The link from the mail: shows what it will create, behind a button (mail scanners open links, not forms). */
    @GetMapping("/signup/confirm/{secret}")
    String confirmation(@PathVariable String secret, Model model, HttpServletResponse response) {
        try {
            model.addAttribute("pending", tenancy.pendingSignUp(secret));
            model.addAttribute("secret", secret);
        } catch (SignUpLinkRefused refused) {
            return refusal(refused, model, response);
        }
        return CONFIRM_VIEW;
    }

    @PostMapping("/signup/confirm/{secret}")
    String confirm(@PathVariable String secret, Model model, HttpServletRequest request,
            HttpServletResponse response) {
        Member owner;
        try {
            owner = tenancy.confirmSignUp(secret);
        } catch (SignUpLinkRefused refused) {
            return refusal(refused, model, response);
        } catch (DuplicateKeyException raced) {
            // The address got an account at the same moment (another link, an invitation).
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("error", "This e-mail address already has an account: sign in instead.");
            return CONFIRM_VIEW;
        }
        // The link went to the address, so it proves who this is: signed in, like accepting an invitation.
        joined.signIn(owner.email(), request, response);
        return "redirect:/?welcome";
    }

    private static String refusal(SignUpLinkRefused refused, Model model, HttpServletResponse response) {
        response.setStatus(switch (refused.reason()) {
            case UNKNOWN -> HttpStatus.NOT_FOUND.value();
            case USED, EXPIRED -> HttpStatus.GONE.value();
            case ADDRESS_TAKEN -> HttpStatus.CONFLICT.value();
        });
        model.addAttribute("error", refused.getMessage());
        return CONFIRM_VIEW;
    }

    /**
     * {@code adsbridge.console.sign-up.verify-email=false}: a new owner is signed in at once, a taken address is sent
     * to sign in (and gets a note). The two answers differ: the documented trade-off of running without mail.
     */
    private String signUpWithoutVerification(SignUpForm form, String email, Model model, HttpServletRequest request,
            HttpServletResponse response) {
        Member owner;
        try {
            owner = tenancy.signUpWithoutVerification(form.company(), form.name(), email, form.password())
                    .orElse(null);
        } catch (TenancyException e) {
            model.addAttribute("error", e.getMessage());
            return VIEW;
        } catch (DuplicateKeyException raced) {
            owner = null;
        }
        if (owner == null) {
            return "redirect:/signin?signedup";
        }
        joined.signIn(owner.email(), request, response);
        return "redirect:/?welcome";
    }
}
