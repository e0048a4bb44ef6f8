package dev.adsbridge.sandbox.seed;

import dev.adsbridge.sandbox.SandboxConfig;
import dev.adsbridge.sandbox.seed.AccountSeeder.Pixel;
import dev.adsbridge.sandbox.store.SandboxStore;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Campaigns, ad sets, ads, creatives, images and audiences for the seeded accounts, in a fixed order from
 * {@link SandboxConfig#seed()} (one random stream per account), so the same seed gives the same objects and ids.
 * Seeded times run up to the start of the current UTC day of the configured clock.
 * <ul>
 *   <li>act_1000000001 (USD): 130 campaigns (3 oldest with legacy objectives), 2–4 ad sets each, 5–12 ads per ad
 *       set (3,000+ ads), 200 creatives, 40 images, 6 audiences + 2 lookalikes</li>
 *   <li>act_1000000002 (EUR), act_1000000003 (JPY, whole-yen budgets), act_1000000004 (GBP, disabled, mostly paused),
 *       act_1000000005 (USD, shared with Marco), act_1000000006 (KRW, whole-won budgets): a handful of campaigns,
 *       creatives, images, 2 audiences + a lookalike each</li>
 *   <li>pixels: three on act_1000000001 (the website one, a shop one, a staging one that never fired), one on each
 *       other account (the disabled account's is unavailable and last fired months ago); ids follow the seed</li>
 * </ul>
 */
final class MarketingSeeder {

    private MarketingSeeder() {
    }

    static void seed(SandboxStore store, SandboxConfig config) {
        long now = LocalDate.now(config.clock().withZone(ZoneOffset.UTC)).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        String dana = Seeder.DEMO_USER;
        String marco = Seeder.SECOND_USER;
        List<AccountSeeder.Plan> plans = List.of(
                new AccountSeeder.Plan(Seeder.BIG_ACCOUNT, dana, "Dana Whitfield", 130, 2, 4, 5, 12, 200, 40,
                        List.of("200000000000001", "200000000000002"), SeedVocabulary.US_MARKETS, "US", 540, 100, 3,
                        0.30, List.of(new Pixel("Whitfield Outdoor – website", 0, false, 900),
                                new Pixel("Whitfield Coffee – shop", 3, false, 420),
                                new Pixel("Staging site (test)", -1, false, 30))),
                new AccountSeeder.Plan("act_1000000002", dana, "Dana Whitfield", 8, 1, 3, 2, 5, 12, 6,
                        List.of("200000000000001"), SeedVocabulary.EU_MARKETS, "DE", 200, 100, 0, 0.25,
                        List.of(new Pixel("Whitfield Outdoor EU – website", 1, false, 300))),
                new AccountSeeder.Plan("act_1000000003", dana, "Dana Whitfield", 6, 1, 3, 2, 4, 8, 4,
                        List.of("200000000000001"), SeedVocabulary.JP_MARKETS, "JP", 150, 100, 0, 0.25,
                        List.of(new Pixel("Whitfield Outdoor Japan – website", 2, false, 200))),
                new AccountSeeder.Plan(Seeder.DISABLED_ACCOUNT, dana, "Dana Whitfield", 5, 1, 2, 2, 4, 5, 3,
                        List.of("200000000000001"), SeedVocabulary.UK_MARKETS, "GB", 400, 100, 0, 0.5,
                        List.of(new Pixel("Whitfield Outdoor UK – website (old)", 24 * 120, true, 700))),
                new AccountSeeder.Plan(Seeder.SHARED_ACCOUNT, dana, "Dana Whitfield", 6, 1, 3, 2, 5, 8, 4,
                        List.of("200000000000002", "200000000000003"), SeedVocabulary.US_MARKETS, "US", 120, 100, 0,
                        0.25, List.of(new Pixel("Agency shared – client site", 0, false, 200))),
                new AccountSeeder.Plan("act_1000000006", marco, "Marco Rossi", 5, 1, 2, 2, 4, 6, 3,
                        List.of("200000000000003"), SeedVocabulary.KR_MARKETS, "KR", 90, 1000, 0, 0.2,
                        List.of(new Pixel("Rossi Design – website", 5, false, 120))));
        for (AccountSeeder.Plan plan : plans) {
            new AccountSeeder(store, plan, config.seed(), now, config.appId()).seed();
        }
    }
}
