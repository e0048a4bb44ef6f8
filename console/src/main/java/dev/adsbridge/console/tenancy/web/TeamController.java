package dev.adsbridge.console.tenancy.web;

import dev.adsbridge.console.tenancy.IssuedInvitation;
import dev.adsbridge.console.tenancy.Member;
import dev.adsbridge.console.tenancy.MemberId;
import dev.adsbridge.console.tenancy.Role;
import dev.adsbridge.console.tenancy.Team;
import dev.adsbridge.console.tenancy.TenancyException;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The team page: members and roles, invitations (owners only change anything). */
@Controller
class TeamController {

    static final String VIEW = "tenancy/team";

    private final Team team;

    TeamController(Team team) {
        this.team = team;
    }

    @GetMapping("/team")
    String team(Member me, Model model) {
        model.addAttribute("members", team.members(me));
        model.addAttribute("invitations", me.canManageTeam() ? team.openInvitations(me) : java.util.List.of());
        model.addAttribute("roles", Role.values());
        return VIEW;
    }

    @PostMapping("/team/invitations")
    String invite(Member me, @RequestParam String email, @RequestParam String role, RedirectAttributes redirect) {
        try {
            IssuedInvitation issued = team.invite(me, email, parseRole(role));
            redirect.addFlashAttribute("inviteLink", issued.link());
            redirect.addFlashAttribute("inviteEmail", issued.invitation().email());
            redirect.addFlashAttribute("inviteMailed", issued.mailed());
        } catch (TenancyException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/team";
    }

    @PostMapping("/team/invitations/{id}/revoke")
    String revoke(Member me, @PathVariable UUID id) {
        team.revokeInvitation(me, id);
        return "redirect:/team";
    }

    @PostMapping("/team/members/{id}/role")
    String changeRole(Member me, @PathVariable UUID id, @RequestParam String role, RedirectAttributes redirect) {
        try {
            team.changeRole(me, new MemberId(id), parseRole(role));
        } catch (TenancyException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/team";
    }

    @PostMapping("/team/members/{id}/remove")
    String remove(Member me, @PathVariable UUID id, RedirectAttributes redirect) {
        try {
            team.remove(me, new MemberId(id));
        } catch (TenancyException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/team";
    }

    private static Role parseRole(String role) {
        try {
            return Role.parse(role);
        } catch (IllegalArgumentException e) {
            throw new TenancyException("Choose owner, admin or analyst.");
        }
    }
}
