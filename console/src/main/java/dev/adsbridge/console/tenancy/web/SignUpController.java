package dev.adsbridge.console.tenancy.web;

import dev.adsbridge.console.tenancy.Member;
import dev.adsbridge.console.tenancy.Tenancy;
import dev.adsbridge.console.tenancy.TenancyException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

/** Sign-up: a new tenant and its owner. */
@Controller
class SignUpController {

    static final String VIEW = "tenancy/signup";

    private final Tenancy tenancy;
    private final JoinedSignIn joined;

    SignUpController(Tenancy tenancy, JoinedSignIn joined) {
        this.tenancy = tenancy;
        this.joined = joined;
    }

    record SignUpForm(
            @NotBlank(message = "Enter your company's name.") @Size(max = 200) String company,
            @NotBlank(message = "Enter your name.") @Size(max = 200) String name,
            @NotBlank(message = "Enter your e-mail address.") @Email(message = "Enter a valid e-mail address.")
            @Size(max = 320) String email,
            @NotBlank(message = "Choose a password.") @Size(min = Tenancy.MIN_PASSWORD_LENGTH, max = 200,
                    message = "Choose a password of at least 12 characters.") String password) {
    }

    @GetMapping("/signup")
    String form(Model model) {
        model.addAttribute("form", new SignUpForm("", "", "", ""));
        return VIEW;
    }

    @PostMapping("/signup")
    String signUp(@Valid @ModelAttribute("form") SignUpForm form, BindingResult errors, Model model,
            HttpServletRequest request, HttpServletResponse response) {
        if (errors.hasErrors()) {
            model.addAttribute("error", errors.getAllErrors().get(0).getDefaultMessage());
            return VIEW;
        }
        Member owner;
        try {
            // A taken address creates nothing (its owner gets a note by mail) and is sent to sign in.
            owner = tenancy.signUp(form.company(), form.name(), form.email().strip(), form.password()).orElse(null);
        } catch (TenancyException e) {
            model.addAttribute("error", e.getMessage());
            return VIEW;
        } catch (DuplicateKeyException raced) {
            // Another sign-up took the address at the same moment: answered like any taken address.
            owner = null;
        }
        if (owner == null) {
            return "redirect:/signin?signedup";
        }
        joined.signIn(owner.email(), request, response);
        return "redirect:/?welcome";
    }
}
