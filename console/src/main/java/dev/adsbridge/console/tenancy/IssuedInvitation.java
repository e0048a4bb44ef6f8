package dev.adsbridge.console.tenancy;

/**
 * A new invitation and its link: shown once to the owner (the link holds the only copy of the secret; the database keeps
 * its hash), and mailed to the invitee when SMTP is configured.
 */
public record IssuedInvitation(Invitation invitation, String link, boolean mailed) {

    @Override
    public String toString() {
        return "IssuedInvitation[" + invitation + ", mailed=" + mailed + "]";
    }
}
