package dev.adsbridge.console.tenancy;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** A tenant: one customer of the SaaS. Every row of tenant data carries it, and every query filters by it. */
public record TenantId(UUID value) implements Serializable {

    public TenantId {
        Objects.requireNonNull(value, "value");
    }

    public static TenantId random() {
        return new TenantId(UUID.randomUUID());
    }

    public static TenantId of(String value) {
        return new TenantId(UUID.fromString(value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
