package dev.adsbridge.graph;

import java.util.Objects;

/**
 * One entry of {@code GET /me/permissions}.
 *
 * @param name   e.g. {@code ads_management}
 * @param status {@code granted}, {@code declined} or {@code expired}
 */
public record Permission(String name, String status) {

    public Permission {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
    }

    public boolean isGranted() {
        return "granted".equals(status);
    }
}
