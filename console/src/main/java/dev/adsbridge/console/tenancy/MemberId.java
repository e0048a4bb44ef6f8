package dev.adsbridge.console.tenancy;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** A member (a person's account) of one tenant. */
public record MemberId(UUID value) implements Serializable {

    public MemberId {
        Objects.requireNonNull(value, "value");
    }

    public static MemberId random() {
        return new MemberId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
