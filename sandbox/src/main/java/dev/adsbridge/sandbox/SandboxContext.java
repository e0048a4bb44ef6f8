package dev.adsbridge.sandbox;

import dev.adsbridge.sandbox.faults.Faults;
import dev.adsbridge.sandbox.limits.UsageLimits;
import dev.adsbridge.sandbox.oauth.AppRegistry;
import dev.adsbridge.sandbox.store.SandboxStore;

/**
 * What every sandbox feature shares: configuration, state, injected faults, rate-limit accounting and the app's
 * runtime settings (redirect URIs added through the control API, declined permissions).
 */
public record SandboxContext(SandboxConfig config, SandboxStore store, Faults faults, UsageLimits limits,
                             AppRegistry app) {

    public SandboxContext(SandboxConfig config, SandboxStore store, Faults faults, UsageLimits limits) {
        this(config, store, faults, limits, new AppRegistry(config));
    }

    public long nowEpochSeconds() {
        return config.clock().instant().getEpochSecond();
    }
}
