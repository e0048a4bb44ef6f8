package dev.adsbridge.sandbox.seed;

import dev.adsbridge.sandbox.SandboxConfig;
import dev.adsbridge.sandbox.store.SandboxStore;

/** Campaigns, ad sets, ads, creatives, images and audiences for the seeded accounts. */
final class MarketingSeeder {

    private MarketingSeeder() {
    }

    static void seed(SandboxStore store, SandboxConfig config) {
    }
}
