package dev.adsbridge.console.ads;

import org.jspecify.annotations.Nullable;

/** The kinds of objects the API reaches by id. */
public enum ObjectKind {
    CAMPAIGN("campaign", "get_campaign_details", "update_campaign"),
    ADSET("adset", "get_adset_details", "update_adset"),
    AD("ad", "get_ad_details", "update_ad"),
    CREATIVE("creative", "get_creative_details", null);

    public final String name;
    final String detailsTool;
    final @Nullable String updateTool;

    ObjectKind(String name, String detailsTool, @Nullable String updateTool) {
        this.name = name;
        this.detailsTool = detailsTool;
        this.updateTool = updateTool;
    }

    public String idArgument() {
        return name + "_id";
    }
}
