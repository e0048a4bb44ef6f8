package dev.adsbridge.console.tenancy.web;

import dev.adsbridge.console.tenancy.Invitation;
import dev.adsbridge.console.tenancy.Member;
import dev.adsbridge.console.tenancy.Team;
import dev.adsbridge.console.tenancy.TenancyException;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The page behind an invitation link: the invitee chooses a name and password. Public. */
@Controller
class InvitationController {

    static final String VIEW = "tenancy/invitation";

    private final Team team;
    private final JoinedSignIn joined;

    InvitationController(Team team, JoinedSignIn joined) {
        this.team = team;
        this.joined = joined;
    }

    @GetMapping("/invite/{secret}")
    String show(@PathVariable String secret, Model model, HttpServletResponse response) {
        Optional<Invitation> invitation = team.invitation(secret);
        if (invitation.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("error", "This invitation is no longer valid. Ask for a new one.");
        }
        model.addAttribute("invitation", invitation.orElse(null));
        model.addAttribute("secret", secret);
        return VIEW;
    }

    @PostMapping("/invite/{secret}")
    String accept(@PathVariable String secret, @RequestParam String name, @RequestParam String password,
            Model model, HttpServletRequest request, HttpServletResponse response) {
        Member member;
        try {
            member = team.accept(secret, name, password);
        } catch (TenancyException e) {
            model.addAttribute("error", e.getMessage());
            model.addAttribute("invitation", team.invitation(secret).orElse(null));
            model.addAttribute("secret", secret);
            return VIEW;
        }
        joined.signIn(member.email(), request, response);
        return "redirect:/?joined";
    }
}
