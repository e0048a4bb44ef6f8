package dev.adsbridge.sandbox;

import dev.adsbridge.sandbox.faults.Faults;
import dev.adsbridge.sandbox.limits.UsageLimits;
import dev.adsbridge.sandbox.store.SandboxStore;

/** What every sandbox feature shares: configuration, state, injected faults and rate-limit accounting. */
public record SandboxContext(SandboxConfig config, SandboxStore store, Faults faults, UsageLimits limits) {

    public long nowEpochSeconds() {
        return config.clock().instant().getEpochSecond();
    }
}
