package dev.adsbridge.console.notifications;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An in-app notice; {@code subjectId} is what it is about (a connection), for a link. */
public record Notice(UUID id, String kind, String message, @Nullable UUID subjectId, Instant createdAt) {
}
