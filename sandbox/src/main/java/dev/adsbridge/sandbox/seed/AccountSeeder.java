package dev.adsbridge.sandbox.seed;

import dev.adsbridge.sandbox.objects.Activities;
import dev.adsbridge.sandbox.objects.AdImages;
import dev.adsbridge.sandbox.objects.AdVocabulary;
import dev.adsbridge.sandbox.objects.AudienceWrites;
import dev.adsbridge.sandbox.objects.CreativeWrites;
import dev.adsbridge.sandbox.objects.Hidden;
import dev.adsbridge.sandbox.objects.ImageBytes;
import dev.adsbridge.sandbox.objects.MarketingObjects;
import dev.adsbridge.sandbox.objects.TargetingCatalog;
import dev.adsbridge.sandbox.objects.Times;
import dev.adsbridge.sandbox.store.Node;
import dev.adsbridge.sandbox.store.NodeType;
import dev.adsbridge.sandbox.store.SandboxStore;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static dev.adsbridge.sandbox.seed.SeedVocabulary.pick;

/**
 * Seeds one ad account from its {@link Plan}: images, creatives, custom audiences, then campaigns with their ad
 * sets and ads, in a fixed order from one {@link SplittableRandom}, so a seed always gives the same objects and ids.
 */
final class AccountSeeder {

    /**
     * What to generate for an account.
     *
     * @param budgetUnit  minor units per "budget point" (budgets are 15..500 points): 100 for cents, 100 for JPY
     *                    (whole yen), 1000 for KRW
     * @param legacy      how many of the oldest campaigns carry a pre-ODAX objective
     * @param pausedShare share of campaigns seeded PAUSED
     */
    record Plan(String accountId, String ownerId, String ownerName, int campaigns, int minAdSets, int maxAdSets,
                int minAds, int maxAds, int creatives, int images, List<String> pageIds, List<String> markets,
                String country, int historyDays, long budgetUnit, int legacy, double pausedShare,
                List<Pixel> pixels) {
    }

    /**
     * A Meta pixel the account owns. The first one is the account's website pixel: the seeded conversion ad sets,
     * sales campaigns, ads' tracking specs and website audiences use it.
     *
     * @param firedHoursAgo hours between the last event and the seeding day's start; negative = never fired
     */
    record Pixel(String name, long firedHoursAgo, boolean unavailable, int ageDays) {
    }

    private static final String APP_ID = "350685531728";

    private final SandboxStore store;
    private final Plan plan;
    private final SplittableRandom random;
    private final long now;
    private final String appId;
    private final ZoneId zone;
    private final long seed;
    private String pixelId;
    private final List<String> imageHashes = new ArrayList<>();
    private final List<String> creativeIds = new ArrayList<>();
    private final List<String> audienceIds = new ArrayList<>();
    private final List<String> lookalikeIds = new ArrayList<>();
    private final Set<String> campaignNames = new HashSet<>();
    private final Set<Integer> deleted = new HashSet<>();
    private final Set<Integer> archived = new HashSet<>();
    private long spent;

    AccountSeeder(SandboxStore store, Plan plan, long seed, long now, String appId) {
        this.store = store;
        this.plan = plan;
        this.random = new SplittableRandom(seed * 1_000_003L + Long.parseLong(plan.accountId().substring(4)));
        this.now = now;
        this.appId = appId;
        this.zone = Times.zoneOf(store, plan.accountId());
        this.seed = seed;
    }

    void seed() {
        Node account = store.node(plan.accountId()).orElseThrow();
        for (String page : plan.pageIds()) {
            Hidden.append(account, Hidden.PROMOTE_PAGES, page);
        }
        seedPixels();
        long start = now - plan.historyDays() * 86_400L;
        seedImages(start - 20 * 86_400L);
        seedCreatives(start - 10 * 86_400L);
        seedAudiences(start - 5 * 86_400L);
        // A few campaigns are deleted and archived (the archived ones among the older half); edges hide both.
        int hidden = plan.campaigns() > 20 ? 3 : 1;
        while (deleted.size() < (plan.campaigns() > 20 ? hidden : 0)) {
            deleted.add(plan.legacy() + random.nextInt(plan.campaigns() - plan.legacy()));
        }
        while (archived.size() < hidden) {
            int index = plan.legacy() + random.nextInt(Math.max(1, (plan.campaigns() - plan.legacy()) / 2));
            if (!deleted.contains(index)) {
                archived.add(index);
            }
        }
        for (int i = 0; i < plan.campaigns(); i++) {
            long created = start + (long) i * plan.historyDays() * 86_400L / plan.campaigns()
                    + random.nextLong(6 * 3_600L);
            seedCampaign(i, created);
        }
        long amountSpent = spent;
        account.update(f -> f.put("amount_spent", Long.toString(amountSpent)));
    }

    /**
     * The account's pixels. Their ids come from their own random stream (seed and account number), so they are the
     * same for the same seed and adding them changed none of the other seeded objects.
     */
    private void seedPixels() {
        String number = plan.accountId().substring(4);
        SplittableRandom ids = new SplittableRandom(seed * 7_919L + Long.parseLong(number) * 31L + 17L);
        for (Pixel pixel : plan.pixels()) {
            String id = Long.toString(1_000_000_000_000_000L + ids.nextLong(8_999_999_999_999_999L));
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("name", pixel.name());
            fields.put("code", pixelCode(id));
            if (pixel.firedHoursAgo() >= 0) {
                fields.put("last_fired_time", Times.format(now - pixel.firedHoursAgo() * 3_600L, zone));
            }
            fields.put("is_unavailable", pixel.unavailable());
            fields.put("creation_time", Times.format(now - pixel.ageDays() * 86_400L, zone));
            fields.put("owner_ad_account", Map.of("account_id", number, "id", plan.accountId()));
            fields.put("owner_business", Map.of("id", "300000000000001", "name", "Whitfield Holdings"));
            fields.put("data_use_setting", "ADVERTISING_AND_ANALYTICS");
            fields.put("first_party_cookie_status", "FIRST_PARTY_COOKIE_ENABLED");
            fields.put("enable_automatic_matching", true);
            fields.put("automatic_matching_fields", List.of("em", "fn", "ln", "ph", "ct", "st", "zp", "country"));
            fields.put("is_created_by_business", true);
            store.create(id, NodeType.AD_PIXEL, plan.accountId(), fields);
            if (pixelId == null) {
                pixelId = id;
            }
        }
    }

    private static String pixelCode(String id) {
        return "<!-- Meta Pixel Code -->\n<script>\n!function(f,b,e,v,n,t,s){if(f.fbq)return;n=f.fbq=function(){"
                + "n.callMethod?n.callMethod.apply(n,arguments):n.queue.push(arguments)};if(!f._fbq)f._fbq=n;"
                + "n.push=n;n.loaded=!0;n.version='2.0';n.queue=[];t=b.createElement(e);t.async=!0;t.src=v;"
                + "s=b.getElementsByTagName(e)[0];s.parentNode.insertBefore(t,s)}(window, document,'script',"
                + "'https://connect.facebook.net/en_US/fbevents.js');\nfbq('init', '" + id + "');\n"
                + "fbq('track', 'PageView');\n</script>\n<noscript><img height=\"1\" width=\"1\" "
                + "style=\"display:none\" src=\"https://www.facebook.com/tr?id=" + id
                + "&ev=PageView&noscript=1\"/></noscript>\n<!-- End Meta Pixel Code -->";
    }

    private void seedImages(long at) {
        for (int i = 0; i < plan.images(); i++) {
            int[] size = SeedVocabulary.IMAGE_SIZES[i % SeedVocabulary.IMAGE_SIZES.length];
            int background = SeedVocabulary.COLOURS[random.nextInt(SeedVocabulary.COLOURS.length)];
            int band = 0xFFFFFF ^ background ^ random.nextInt(0x1000000) & 0x3F3F3F;
            byte[] png = ImageBytes.bandedPng(size[0], size[1], background, band);
            String product = pick(random, SeedVocabulary.PRODUCTS).toLowerCase().replaceAll("[^a-z0-9]+", "_");
            Node image = AdImages.add(store, plan.accountId(), product + "_" + (i + 1) + ".png", png,
                    ImageBytes.inspect(png), at + i * 3_600L);
            imageHashes.add(image.getString("hash"));
        }
    }

    private void seedCreatives(long at) {
        boolean coffeeAccount = plan.pageIds().get(0).equals("200000000000002");
        for (int i = 0; i < plan.creatives(); i++) {
            boolean coffee = coffeeAccount || plan.pageIds().contains("200000000000002") && random.nextInt(8) == 0;
            String page = coffee ? "200000000000002" : plan.pageIds().get(0);
            String product = coffee ? pick(random, SeedVocabulary.COFFEES) : pick(random, SeedVocabulary.PRODUCTS);
            String angle = pick(random, SeedVocabulary.ANGLES);
            String slug = product.toLowerCase().replaceAll("[^a-z0-9]+", "-");
            String site = coffee ? "https://whitfield-coffee.example" : "https://whitfield-outdoor.example";
            String link = site + "/products/" + slug + "?utm_source=facebook&utm_medium=paid";
            String hash = imageHashes.get(random.nextInt(imageHashes.size()));
            Map<String, Object> content = new LinkedHashMap<>();
            String cta = pick(random, SeedVocabulary.CALLS_TO_ACTION);
            boolean video = random.nextInt(7) == 0;
            Map<String, Object> callToAction = Map.of("type", cta, "value", Map.of("link", link));
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("page_id", page);
            if (video) {
                content.put("video_id", Long.toString(9_100_000_000_000_000L + random.nextLong(1_000_000_000L)));
                content.put("title", product + " in action");
                content.put("message", "See the " + product + " on the trail. " + pick(random,
                        SeedVocabulary.HEADLINES) + ".");
                content.put("image_hash", hash);
                content.put("call_to_action", callToAction);
                spec.put("video_data", content);
            } else {
                content.put("link", link);
                content.put("message", pick(random, SeedVocabulary.HEADLINES) + ". Meet the " + product + ".");
                content.put("name", product + " — " + pick(random, SeedVocabulary.HEADLINES));
                content.put("description", coffee ? "Roasted to order" : "Free returns for 60 days");
                content.put("image_hash", hash);
                content.put("call_to_action", callToAction);
                spec.put("link_data", content);
            }
            Map<String, Object> fields = CreativeWrites.fromStorySpec(store, plan.accountId(),
                    product + " – " + angle + (i >= 20 ? " #" + (i + 1) : ""), spec);
            fields.put("url_tags", "utm_campaign={{campaign.name}}&utm_content={{ad.name}}");
            Node creative = MarketingObjects.create(store, NodeType.AD_CREATIVE, plan.accountId(), fields,
                    at + i * 600L);
            creativeIds.add(creative.id());
        }
    }

    private void seedAudiences(long at) {
        String[][] audiences = {
                {"Website visitors – 30 days", "WEBSITE", "30"},
                {"Purchasers – 180 days", "WEBSITE", "180"},
                {"Newsletter subscribers", "CUSTOM", null},
                {"Instagram engagers – 365 days", "ENGAGEMENT", "365"},
                {"Video viewers 50% – 90 days", "ENGAGEMENT", "90"},
                {"Cart abandoners – 14 days", "WEBSITE", "14"}};
        int count = plan.campaigns() > 20 ? audiences.length : 2;
        List<Node> created = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String[] a = audiences[i];
            long size = 3_000 + random.nextLong(plan.campaigns() > 20 ? 900_000 : 60_000);
            Map<String, Object> fields = AudienceWrites.base(a[0], a[1], null, size);
            if (a[1].equals("CUSTOM")) {
                fields.put("customer_file_source", "USER_PROVIDED_ONLY");
                fields.put("data_source", Map.of("type", "FILE_IMPORTED", "sub_type", "HASHES"));
            } else {
                fields.put("retention_days", Integer.parseInt(a[2]));
                fields.put("rule", a[1].equals("WEBSITE")
                        ? "{\"inclusions\":{\"operator\":\"or\",\"rules\":[{\"event_sources\":[{\"id\":\"" + pixelId
                        + "\",\"type\":\"pixel\"}],\"retention_seconds\":" + Integer.parseInt(a[2]) * 86_400
                        + ",\"filter\":{\"operator\":\"and\",\"filters\":[{\"field\":\"event\",\"operator\":\"eq\","
                        + "\"value\":\"" + (a[0].startsWith("Purchasers") ? "Purchase" : "PageView") + "\"}]}}]}}"
                        : "{\"inclusions\":{\"operator\":\"or\",\"rules\":[{\"event_sources\":[{\"id\":\""
                        + plan.pageIds().get(0) + "\",\"type\":\"page\"}],\"retention_seconds\":"
                        + Integer.parseInt(a[2]) * 86_400 + "}]}}");
                fields.put("data_source", Map.of("type", "EVENT_BASED", "sub_type", a[1].equals("WEBSITE")
                        ? "WEB_PIXEL_HITS" : "ENGAGEMENT_EVENTS"));
            }
            Node audience = MarketingObjects.create(store, NodeType.CUSTOM_AUDIENCE, plan.accountId(), fields,
                    at + i * 3_600L);
            created.add(audience);
            audienceIds.add(audience.id());
        }
        int lookalikes = plan.campaigns() > 20 ? 2 : 1;
        double[] ratios = {0.01, 0.03};
        for (int i = 0; i < lookalikes; i++) {
            Node origin = created.get(i == 0 ? Math.min(1, created.size() - 1) : created.size() > 2 ? 2 : 0);
            String name = "Lookalike (" + plan.country() + ", " + (int) (ratios[i] * 100) + "%) – "
                    + origin.getString("name");
            long size = (long) (countryUsers() * ratios[i]);
            Map<String, Object> fields = AudienceWrites.base(name, "LOOKALIKE", null, size);
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("country", plan.country());
            spec.put("ratio", ratios[i]);
            spec.put("type", "custom_ratio");
            spec.put("origin", List.of(Map.of("id", origin.id(), "name", origin.getString("name"),
                    "type", "custom_audience")));
            fields.put("lookalike_spec", spec);
            Node lookalike = MarketingObjects.create(store, NodeType.CUSTOM_AUDIENCE, plan.accountId(), fields,
                    at + (count + i) * 3_600L);
            audienceIds.add(lookalike.id());
            lookalikeIds.add(lookalike.id());
        }
    }

    private long countryUsers() {
        return switch (plan.country()) {
            case "US" -> 243_000_000L;
            case "DE" -> 41_000_000L;
            case "JP" -> 62_000_000L;
            case "GB" -> 47_000_000L;
            case "KR" -> 30_000_000L;
            default -> 20_000_000L;
        };
    }

    private void seedCampaign(int index, long created) {
        boolean legacy = index < plan.legacy();
        String objective = legacy ? List.of("LINK_CLICKS", "CONVERSIONS", "POST_ENGAGEMENT").get(index % 3)
                : objective();
        String status;
        if (legacy) {
            status = index == 0 ? "PAUSED" : "ARCHIVED";
        } else if (deleted.contains(index)) {
            status = "DELETED";
        } else if (archived.contains(index)) {
            status = "ARCHIVED";
        } else {
            status = random.nextDouble() < plan.pausedShare() ? "PAUSED" : "ACTIVE";
        }
        boolean cbo = random.nextDouble() < 0.4;
        boolean lifetime = cbo && random.nextInt(7) == 0;
        String market = pick(random, plan.markets());
        String name = uniqueName(campaignName(objective, market, legacy));

        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("objective", objective);
        fields.put("status", status);
        List<String> categories = !legacy && random.nextInt(25) == 0 ? List.of("FINANCIAL_PRODUCTS_SERVICES")
                : List.of();
        fields.put("special_ad_categories", categories);
        fields.put("special_ad_category", categories.isEmpty() ? "NONE" : categories.get(0));
        fields.put("buying_type", "AUCTION");
        String strategy = "LOWEST_COST_WITHOUT_CAP";
        long stop = 0;
        long perDay = 0;
        if (cbo) {
            int bid = random.nextInt(20);
            strategy = bid < 2 ? "COST_CAP" : bid == 2 ? "LOWEST_COST_WITH_BID_CAP"
                    : bid == 3 && objective.equals("OUTCOME_SALES") ? "LOWEST_COST_WITH_MIN_ROAS"
                    : "LOWEST_COST_WITHOUT_CAP";
            fields.put("bid_strategy", strategy);
            long budget = budget();
            if (lifetime) {
                int days = 30 + random.nextInt(60);
                stop = created + days * 86_400L;
                fields.put("lifetime_budget", Long.toString(budget * days));
                perDay = budget;
            } else {
                fields.put("daily_budget", Long.toString(budget));
                perDay = budget;
            }
        } else {
            fields.put("is_adset_budget_sharing_enabled", random.nextInt(5) == 0);
        }
        fields.put("start_time", Times.format(created, zone));
        if (stop > 0) {
            fields.put("stop_time", Times.format(stop, zone));
        }
        fields.put("can_use_spend_cap", true);
        fields.put("pacing_type", List.of("standard"));
        fields.put("budget_rebalance_flag", false);
        fields.put("smart_promotion_type", "GUIDED_CREATION");
        if (random.nextInt(10) == 0) {
            fields.put("spend_cap", Long.toString(budget() * 60));
        }
        if (objective.equals("OUTCOME_SALES") || objective.equals("CONVERSIONS")) {
            fields.put("promoted_object", Map.of("pixel_id", pixelId, "custom_event_type", "PURCHASE"));
        }
        Node campaign = MarketingObjects.create(store, NodeType.CAMPAIGN, plan.accountId(), fields, created);
        Activities.record(store, plan.accountId(), "create_campaign_group", campaign,
                Map.of("objective", objective), created, plan.ownerId(), plan.ownerName(), appId);
        if (!status.equals("ACTIVE")) {
            long changed = Math.min(now - 3_600L, created + (1 + random.nextInt(60)) * 86_400L);
            Activities.record(store, plan.accountId(), "update_campaign_run_status", campaign,
                    Map.of("old_value", "ACTIVE", "new_value", status), changed, plan.ownerId(), plan.ownerName(),
                    appId);
        }

        int adSets = plan.minAdSets() + random.nextInt(plan.maxAdSets() - plan.minAdSets() + 1);
        for (int s = 0; s < adSets; s++) {
            perDay += seedAdSet(campaign, objective, status, market, cbo, strategy, stop, created + (s + 1) * 300L);
        }
        long end = stop > 0 ? Math.min(stop, now) : now;
        long activeDays = Math.max(0, (end - created) / 86_400L);
        if (!status.equals("DELETED")) {
            // Campaigns spend most days they run; paused and archived ones stopped part-way.
            double share = status.equals("ACTIVE") ? 0.7 : 0.35;
            spent += (long) (perDay * activeDays * share);
        }
    }

    /** Seeds one ad set and its ads; returns its daily budget (0 with a campaign budget). */
    private long seedAdSet(Node campaign, String objective, String campaignStatus, String market, boolean cbo,
                           String campaignStrategy, long campaignStop, long created) {
        String audience = audienceName();
        Map<String, Object> targeting = targeting(market, audience);
        String goal = goal(objective);
        String billing = billing(goal);
        String status = switch (campaignStatus) {
            case "DELETED" -> "DELETED";
            case "ARCHIVED" -> random.nextBoolean() ? "ARCHIVED" : "ACTIVE";
            default -> random.nextInt(5) == 0 ? "PAUSED" : "ACTIVE";
        };
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("campaign_id", campaign.id());
        Object ageMin = targeting.get("age_min");
        Object ageMax = targeting.get("age_max");
        fields.put("name", audience + " – " + ageMin + "-" + ageMax + " – " + market);
        fields.put("status", status);
        long daily = 0;
        String strategy = campaignStrategy;
        if (!cbo) {
            long budget = (budgetPoints() / 2 + 5) * plan.budgetUnit();
            if (random.nextInt(8) == 0) {
                int days = 14 + random.nextInt(45);
                fields.put("lifetime_budget", Long.toString(budget * days));
                fields.put("end_time", Times.format(created + days * 86_400L, zone));
            } else {
                fields.put("daily_budget", Long.toString(budget));
            }
            daily = budget;
            int bid = random.nextInt(12);
            strategy = bid == 0 ? "COST_CAP" : bid == 1 ? "LOWEST_COST_WITH_BID_CAP" : "LOWEST_COST_WITHOUT_CAP";
        } else if (campaignStop > 0) {
            fields.put("end_time", Times.format(campaignStop, zone));
        }
        fields.put("bid_strategy", strategy);
        if (strategy.equals("COST_CAP") || strategy.equals("LOWEST_COST_WITH_BID_CAP")) {
            fields.put("bid_amount", Long.toString(plan.budgetUnit() * (2 + random.nextInt(30))));
        }
        if (strategy.equals("LOWEST_COST_WITH_MIN_ROAS")) {
            fields.put("bid_constraints", Map.of("roas_average_floor", 10_000 + 1_000 * random.nextInt(20)));
        }
        fields.put("billing_event", billing);
        fields.put("optimization_goal", goal);
        fields.put("targeting", targeting);
        Map<String, Object> promoted = promotedObject(objective, goal);
        if (promoted != null) {
            fields.put("promoted_object", promoted);
        }
        fields.put("destination_type", destination(goal));
        fields.put("start_time", Times.format(created, zone));
        fields.put("pacing_type", List.of("standard"));
        fields.put("is_dynamic_creative", false);
        Node adSet = MarketingObjects.create(store, NodeType.AD_SET, plan.accountId(), fields, created);

        int ads = plan.minAds() + random.nextInt(plan.maxAds() - plan.minAds() + 1);
        for (int a = 0; a < ads; a++) {
            seedAd(campaign, adSet, status, a, created + (a + 1) * 60L);
        }
        return daily;
    }

    private void seedAd(Node campaign, Node adSet, String adSetStatus, int index, long created) {
        double r = random.nextDouble();
        String status = switch (adSetStatus) {
            case "DELETED" -> "DELETED";
            case "ARCHIVED" -> "ARCHIVED";
            default -> r < 0.15 ? "PAUSED" : r < 0.18 ? "ARCHIVED" : r < 0.20 ? "DELETED" : "ACTIVE";
        };
        String creativeId = creativeIds.get(random.nextInt(creativeIds.size()));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("campaign_id", campaign.id());
        fields.put("adset_id", adSet.id());
        fields.put("name", pick(random, SeedVocabulary.AD_FORMATS) + " – " + pick(random, SeedVocabulary.AD_CONCEPTS)
                + " – v" + (index / 3 + 1));
        fields.put("status", status);
        fields.put("creative", Map.of("id", creativeId));
        fields.put("tracking_specs", List.of(Map.of("action.type", List.of("offsite_conversion"),
                "fb_pixel", List.of(pixelId))));
        double review = random.nextDouble();
        if (status.equals("ACTIVE") && review < 0.03) {
            if (review < 0.012) {
                fields.put(Hidden.DELIVERY, "DISAPPROVED");
                fields.put("ad_review_feedback", Map.of("global", Map.of("Unrealistic Outcomes",
                        "Ads can't make unrealistic claims about a product's results.")));
            } else if (review < 0.022) {
                fields.put(Hidden.DELIVERY, "PENDING_REVIEW");
            } else {
                fields.put(Hidden.DELIVERY, "WITH_ISSUES");
                fields.put("issues_info", List.of(Map.of("level", "AD", "error_code", 2_446_173,
                        "error_summary", "Landing page unavailable", "error_message", "The website your ad links to "
                                + "returned an error when we checked it. Fix the link, then edit the ad.",
                        "error_type", "SOFT_ERROR")));
            }
        }
        Node ad = MarketingObjects.create(store, NodeType.AD, plan.accountId(), fields, created);
        ad.update(f -> f.put("preview_shareable_link", "https://fb.me/sbx" + ad.id().substring(10)));
    }

    private String objective() {
        int r = random.nextInt(100);
        return r < 35 ? "OUTCOME_SALES" : r < 55 ? "OUTCOME_TRAFFIC" : r < 70 ? "OUTCOME_AWARENESS"
                : r < 82 ? "OUTCOME_ENGAGEMENT" : r < 94 ? "OUTCOME_LEADS" : "OUTCOME_APP_PROMOTION";
    }

    private String campaignName(String objective, String market, boolean legacy) {
        boolean coffee = plan.pageIds().get(0).equals("200000000000002") || random.nextInt(12) == 0
                && plan.pageIds().contains("200000000000002");
        String theme = coffee ? pick(random, SeedVocabulary.COFFEE_THEMES) : pick(random, SeedVocabulary.OUTDOOR_THEMES);
        String stage = switch (objective) {
            case "OUTCOME_AWARENESS" -> random.nextBoolean() ? "Reach" : "Awareness";
            case "OUTCOME_LEADS" -> "Lead Form";
            case "OUTCOME_APP_PROMOTION" -> "App Installs";
            case "OUTCOME_ENGAGEMENT" -> random.nextBoolean() ? "Engagement" : "Video Views";
            default -> pick(random, SeedVocabulary.STAGES.subList(0, 7));
        };
        return (legacy ? "[Legacy] " : "") + theme + " – " + stage + " – " + market;
    }

    private String uniqueName(String name) {
        String unique = name;
        int n = 2;
        while (!campaignNames.add(unique)) {
            unique = name + " (" + n++ + ")";
        }
        return unique;
    }

    private String audienceName() {
        return switch (random.nextInt(6)) {
            case 0 -> "Broad";
            case 1 -> "Advantage+ Audience";
            case 2 -> "Interests: Outdoor";
            case 3 -> "Lookalike 1%";
            case 4 -> "Retargeting";
            default -> "Interests: Lifestyle";
        };
    }

    private Map<String, Object> targeting(String market, String audience) {
        Map<String, Object> targeting = new LinkedHashMap<>();
        targeting.put("geo_locations", geo(market));
        boolean advantage = audience.equals("Broad") || audience.equals("Advantage+ Audience");
        int ageMin = advantage ? 18 : List.of(18, 21, 25, 25, 30).get(random.nextInt(5));
        int ageMax = advantage ? 65 : List.of(44, 54, 65, 65).get(random.nextInt(4));
        targeting.put("age_min", ageMin);
        targeting.put("age_max", ageMax);
        if (!advantage && random.nextInt(6) == 0) {
            targeting.put("genders", List.of(1 + random.nextInt(2)));
        }
        if (audience.startsWith("Interests")) {
            List<Map<String, Object>> interests = new ArrayList<>();
            List<String> pool = audience.endsWith("Outdoor")
                    ? List.of("Hiking", "Camping", "Backpacking", "Trail running", "Rock climbing")
                    : List.of("Coffee", "Yoga", "Photography", "Road trips", "Healthy eating");
            int count = 1 + random.nextInt(3);
            int first = random.nextInt(pool.size());
            for (int i = 0; i < count; i++) {
                TargetingCatalog.interestNamed(pool.get((first + i) % pool.size())).ifPresent(interest ->
                        interests.add(ordered("id", interest.id(), "name", interest.name())));
            }
            targeting.put("flexible_spec", List.of(Map.of("interests", interests)));
        }
        if ((audience.equals("Retargeting") || audience.startsWith("Lookalike")) && !lookalikeIds.isEmpty()) {
            String id = audience.equals("Retargeting") ? audienceIds.get(0) : lookalikeIds.get(0);
            Node source = store.node(id).orElseThrow();
            targeting.put("custom_audiences", List.of(ordered("id", id, "name", source.getString("name"))));
        }
        if (random.nextInt(4) == 0) {
            targeting.put("publisher_platforms", List.of("facebook", "instagram"));
        }
        targeting.put("targeting_automation", Map.of("advantage_audience", advantage ? 1 : 0));
        return targeting;
    }

    private Map<String, Object> geo(String market) {
        Map<String, Object> geo = new LinkedHashMap<>();
        switch (market) {
            case "US West" -> geo.put("regions", regions("3847:California", "3880:Oregon", "3893:Washington"));
            case "US East" -> geo.put("regions", regions("3867:New York", "3875:Massachusetts", "3882:Pennsylvania"));
            case "California" -> geo.put("regions", regions("3847:California"));
            case "Texas" -> geo.put("regions", regions("3886:Texas"));
            case "Pacific Northwest" -> geo.put("regions", regions("3893:Washington", "3880:Oregon"));
            case "Colorado" -> geo.put("regions", regions("3848:Colorado"));
            case "NYC" -> geo.put("cities", List.of(city("2490367", "New York", "3867")));
            case "DACH" -> geo.put("countries", List.of("DE", "AT", "CH"));
            case "EU5" -> geo.put("countries", List.of("DE", "FR", "ES", "IT", "GB"));
            case "Tokyo", "Kanto" -> geo.put("regions", regions("2170:Tokyo"));
            case "Osaka" -> geo.put("regions", regions("2161:Osaka"));
            case "Hokkaido" -> geo.put("regions", regions("2161001:Hokkaido"));
            case "London" -> geo.put("cities", List.of(city("2643743", "London", "1262")));
            case "Manchester" -> geo.put("cities", List.of(city("2643123", "Manchester", "1262")));
            case "Scotland" -> geo.put("regions", regions("1264:Scotland"));
            case "Seoul" -> geo.put("regions", regions("2405:Seoul"));
            case "Busan" -> geo.put("regions", regions("2398:Busan"));
            case "UK" -> geo.put("countries", List.of("GB"));
            default -> geo.put("countries", List.of(market.length() == 2 ? market : plan.country()));
        }
        geo.put("location_types", List.of("home", "recent"));
        return geo;
    }

    private static List<Map<String, Object>> regions(String... keysAndNames) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String entry : keysAndNames) {
            String[] parts = entry.split(":", 2);
            out.add(ordered("key", parts[0], "name", parts[1]));
        }
        return out;
    }

    /** A map that keeps its keys in the order given, as Meta's JSON does. */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static Map<String, Object> city(String key, String name, String regionId) {
        Map<String, Object> city = new LinkedHashMap<>();
        city.put("key", key);
        city.put("name", name);
        city.put("region_id", regionId);
        city.put("radius", 15);
        city.put("distance_unit", "mile");
        return city;
    }

    private String goal(String objective) {
        List<String> goals = switch (objective) {
            case "LINK_CLICKS" -> List.of("LINK_CLICKS");
            case "CONVERSIONS" -> List.of("OFFSITE_CONVERSIONS");
            case "POST_ENGAGEMENT" -> List.of("POST_ENGAGEMENT");
            default -> AdVocabulary.GOALS_BY_OBJECTIVE.get(objective);
        };
        // The first goal of an objective is by far the most common choice.
        return random.nextInt(10) < 7 ? goals.get(0) : goals.get(random.nextInt(Math.min(3, goals.size())));
    }

    private String billing(String goal) {
        if (goal.equals("LINK_CLICKS") && random.nextInt(3) == 0) {
            return "LINK_CLICKS";
        }
        if (goal.equals("THRUPLAY") && random.nextBoolean()) {
            return "THRUPLAY";
        }
        return "IMPRESSIONS";
    }

    /**
     * The pixel event (lead campaigns convert on leads and sign-ups, sales ones on purchases or carts) or the app
     * (app campaigns). Draws the same random numbers whatever the objective, so the rest of the seed stays put.
     */
    private Map<String, Object> promotedObject(String objective, String goal) {
        boolean leads = objective.equals("OUTCOME_LEADS");
        boolean app = objective.equals("OUTCOME_APP_PROMOTION");
        return switch (goal) {
            case "OFFSITE_CONVERSIONS", "VALUE" -> {
                boolean other = random.nextInt(4) == 0;
                yield app ? Map.of("application_id", APP_ID, "object_store_url",
                        "https://apps.apple.com/app/id" + APP_ID)
                        : Map.of("pixel_id", pixelId, "custom_event_type", other
                        ? leads ? "COMPLETE_REGISTRATION" : "ADD_TO_CART" : leads ? "LEAD" : "PURCHASE");
            }
            case "APP_INSTALLS", "APP_INSTALLS_AND_OFFSITE_CONVERSIONS" -> Map.of("application_id", APP_ID,
                    "object_store_url", "https://apps.apple.com/app/id" + APP_ID);
            case "LEAD_GENERATION", "QUALITY_LEAD", "POST_ENGAGEMENT", "PAGE_LIKES" ->
                    Map.of("page_id", plan.pageIds().get(0));
            default -> null;
        };
    }

    private static String destination(String goal) {
        return switch (goal) {
            case "LEAD_GENERATION", "QUALITY_LEAD" -> "ON_AD";
            case "POST_ENGAGEMENT", "THRUPLAY", "PAGE_LIKES", "EVENT_RESPONSES" -> "ON_POST";
            case "APP_INSTALLS", "APP_INSTALLS_AND_OFFSITE_CONVERSIONS" -> "APP";
            case "CONVERSATIONS" -> "MESSENGER";
            default -> "WEBSITE";
        };
    }

    /** A daily budget in minor units: 15 to 500 budget points, rounded as people round budgets. */
    private long budget() {
        return budgetPoints() * plan.budgetUnit();
    }

    private long budgetPoints() {
        long points = 15 + random.nextInt(486);
        return points < 100 ? points / 5 * 5 : points / 25 * 25;
    }
}
