package dev.adsbridge.console.tenancy;

import java.util.Locale;

/** What a member may do in their tenant; enforced on the server for every write. */
public enum Role {
    /** Everything, including the team: invitations and roles. */
    OWNER,
    /** Connections and ad accounts, not the team. */
    ADMIN,
    /** Reads only. */
    ANALYST;

    public boolean canWrite() {
        return this != ANALYST;
    }

    public boolean canManageTeam() {
        return this == OWNER;
    }

    /** The audit log (page, API, CSV) is for owners: it names every member, address and change. */
    public boolean canReadAuditLog() {
        return this == OWNER;
    }

    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    }

    public static Role parse(String value) {
        return valueOf(value.strip().toUpperCase(Locale.ROOT));
    }
}
