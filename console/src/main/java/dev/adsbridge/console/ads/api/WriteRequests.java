package dev.adsbridge.console.ads.api;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.adsbridge.console.ads.AdsException;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bodies of the write endpoints, typed so the OpenAPI document describes them. Money is in the account currency's
 * minor units, as a string or a number ({@code "5000"} = 50.00 USD; whole units for JPY, KRW, …). A field the request
 * does not know is a 400 {@code validation_failed} naming it, never silently dropped.
 */
final class WriteRequests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private WriteRequests() {
    }

    /** What every write body has: the dry run, the confirmation, and the fields it did not know. */
    interface WriteRequest {
        Map<String, Object> unknown();
    }

    /** The body as the ads module reads it: the fields sent (nulls left out); unknown fields → 400. */
    static Map<String, Object> fields(WriteRequest request) {
        if (!request.unknown().isEmpty()) {
            Map<String, String> problems = new LinkedHashMap<>();
            request.unknown().keySet().forEach(k -> problems.put(k, "Not a field of this request."));
            throw AdsException.validation(problems);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = JSON.convertValue(request, LinkedHashMap.class);
        map.remove("unknown");
        map.values().removeIf(v -> v == null);
        return map;
    }

    private static Map<String, Object> collected(@Nullable Map<String, Object> unknown) {
        return unknown == null ? new LinkedHashMap<>() : unknown;
    }

    @Schema(name = "CreateCampaign", description = "A new campaign; PAUSED unless status says ACTIVE (then confirm).")
    record CreateCampaign(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) @Nullable String name,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "OUTCOME_TRAFFIC") @Nullable String objective,
            @Schema(allowableValues = {"PAUSED", "ACTIVE"}) @Nullable String status,
            @JsonProperty("special_ad_categories") @Nullable List<String> specialAdCategories,
            @JsonProperty("daily_budget") @Schema(example = "5000") @Nullable String dailyBudget,
            @JsonProperty("lifetime_budget") @Nullable String lifetimeBudget,
            @JsonProperty("bid_strategy") @Nullable String bidStrategy,
            @JsonProperty("buying_type") @Nullable String buyingType,
            @JsonProperty("bid_cap") @Nullable String bidCap,
            @JsonProperty("spend_cap") @Nullable String spendCap,
            @JsonProperty("start_time") @Nullable String startTime,
            @JsonProperty("stop_time") @Nullable String stopTime,
            @JsonProperty("use_adset_level_budgets") @Nullable Boolean useAdsetLevelBudgets,
            @JsonProperty("validate_only") @Nullable Boolean validateOnly,
            @Nullable Boolean confirm,
            @JsonProperty("confirm_amount") @Schema(example = "5000.00 USD") @Nullable String confirmAmount,
            @JsonAnySetter @Schema(hidden = true) @Nullable Map<String, Object> unknown) implements WriteRequest {

        CreateCampaign {
            unknown = collected(unknown);
        }
    }

    @Schema(name = "CreateAdSet", description = "A new ad set in a campaign of the same ad account.")
    record CreateAdSet(
            @JsonProperty("campaign_id") @Schema(requiredMode = Schema.RequiredMode.REQUIRED) @Nullable String campaignId,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) @Nullable String name,
            @JsonProperty("optimization_goal") @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                    example = "LINK_CLICKS") @Nullable String optimizationGoal,
            @JsonProperty("billing_event") @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "IMPRESSIONS")
            @Nullable String billingEvent,
            @Schema(allowableValues = {"PAUSED", "ACTIVE"}) @Nullable String status,
            @JsonProperty("daily_budget") @Nullable String dailyBudget,
            @JsonProperty("lifetime_budget") @Nullable String lifetimeBudget,
            @Nullable Map<String, Object> targeting,
            @JsonProperty("bid_amount") @Nullable String bidAmount,
            @JsonProperty("bid_strategy") @Nullable String bidStrategy,
            @JsonProperty("bid_constraints") @Nullable Map<String, Object> bidConstraints,
            @JsonProperty("start_time") @Nullable String startTime,
            @JsonProperty("end_time") @Nullable String endTime,
            @JsonProperty("promoted_object") @Nullable Map<String, Object> promotedObject,
            @JsonProperty("destination_type") @Nullable String destinationType,
            @JsonProperty("validate_only") @Nullable Boolean validateOnly,
            @Nullable Boolean confirm,
            @JsonProperty("confirm_amount") @Nullable String confirmAmount,
            @JsonAnySetter @Schema(hidden = true) @Nullable Map<String, Object> unknown) implements WriteRequest {

        CreateAdSet {
            unknown = collected(unknown);
        }
    }

    @Schema(name = "CreateAd", description = "A new ad from a creative, in an ad set of the same ad account.")
    record CreateAd(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) @Nullable String name,
            @JsonProperty("adset_id") @Schema(requiredMode = Schema.RequiredMode.REQUIRED) @Nullable String adsetId,
            @JsonProperty("creative_id") @Schema(requiredMode = Schema.RequiredMode.REQUIRED) @Nullable String creativeId,
            @Schema(allowableValues = {"PAUSED", "ACTIVE"}) @Nullable String status,
            @JsonProperty("tracking_specs") @Nullable Object trackingSpecs,
            @JsonProperty("validate_only") @Nullable Boolean validateOnly,
            @Nullable Boolean confirm,
            @JsonProperty("confirm_amount") @Nullable String confirmAmount,
            @JsonAnySetter @Schema(hidden = true) @Nullable Map<String, Object> unknown) implements WriteRequest {

        CreateAd {
            unknown = collected(unknown);
        }
    }

    @Schema(name = "CreateCreative", description = "A new link creative from an uploaded image, or from a Page post.")
    record CreateCreative(
            @Nullable String name,
            @JsonProperty("page_id") @Nullable String pageId,
            @JsonProperty("image_hash") @Nullable String imageHash,
            @JsonProperty("link_url") @Nullable String linkUrl,
            @Nullable String message,
            @Nullable String headline,
            @Nullable String description,
            @JsonProperty("call_to_action_type") @Schema(example = "LEARN_MORE") @Nullable String callToActionType,
            @JsonProperty("url_tags") @Nullable String urlTags,
            @JsonProperty("object_story_id") @Nullable String objectStoryId,
            @JsonProperty("instagram_user_id")
            @Schema(description = "Instagram account the ad runs as on Instagram (GET …/instagram-accounts)")
            @Nullable String instagramUserId,
            @JsonProperty("instagram_actor_id") @Schema(description = "Older name of instagram_user_id")
            @Nullable String instagramActorId,
            @JsonProperty("validate_only") @Nullable Boolean validateOnly,
            @JsonAnySetter @Schema(hidden = true) @Nullable Map<String, Object> unknown) implements WriteRequest {

        CreateCreative {
            unknown = collected(unknown);
        }
    }

    @Schema(name = "StatusChange", description = "Pause, archive, or activate (activating needs confirm: true).")
    record StatusChange(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"ACTIVE", "PAUSED", "ARCHIVED"})
            @Nullable String status,
            @Nullable Boolean confirm,
            @JsonProperty("validate_only") @Nullable Boolean validateOnly,
            @JsonAnySetter @Schema(hidden = true) @Nullable Map<String, Object> unknown) implements WriteRequest {

        StatusChange {
            unknown = collected(unknown);
        }
    }

    @Schema(name = "BudgetChange", description = "A daily or lifetime budget, bids, the campaign spending limit "
            + "(spend_cap, \"0\" removes it) or the end date. Whatever can raise spend needs confirm: true, and above "
            + "the spending limits confirm_amount naming the amount.")
    record BudgetChange(
            @JsonProperty("daily_budget") @Nullable String dailyBudget,
            @JsonProperty("lifetime_budget") @Nullable String lifetimeBudget,
            @JsonProperty("bid_amount") @Schema(description = "Ad sets only") @Nullable String bidAmount,
            @JsonProperty("bid_constraints") @Schema(description = "Ad sets only") @Nullable Map<String, Object>
                    bidConstraints,
            @JsonProperty("spend_cap") @Schema(description = "Campaigns only") @Nullable String spendCap,
            @JsonProperty("stop_time") @Schema(description = "Campaigns only") @Nullable String stopTime,
            @JsonProperty("end_time") @Schema(description = "Ad sets only") @Nullable String endTime,
            @Nullable Boolean confirm,
            @JsonProperty("confirm_amount") @Schema(example = "5000.00 USD") @Nullable String confirmAmount,
            @JsonProperty("validate_only") @Nullable Boolean validateOnly,
            @JsonAnySetter @Schema(hidden = true) @Nullable Map<String, Object> unknown) implements WriteRequest {

        BudgetChange {
            unknown = collected(unknown);
        }
    }

    @Schema(name = "SpendGuardChange", description = "Spending limits per day, in currency units. Without both amounts "
            + "the limits go back to the defaults.")
    record SpendGuardChange(
            @JsonProperty("ad_account_id") @Schema(description = "act_… for one ad account; \"*\" or absent for every "
                    + "ad account in the currency") @Nullable String adAccountId,
            @Schema(example = "USD") @Nullable String currency,
            @JsonProperty("confirm_above") @Schema(example = "500.00") @Nullable String confirmAbove,
            @JsonProperty("hard_cap") @Schema(example = "5000.00") @Nullable String hardCap,
            @JsonAnySetter @Schema(hidden = true) @Nullable Map<String, Object> unknown) implements WriteRequest {

        SpendGuardChange {
            unknown = collected(unknown);
        }
    }
}
