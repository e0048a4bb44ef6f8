package dev.adsbridge.sandbox.objects;

import dev.adsbridge.sandbox.http.GraphCall;
import dev.adsbridge.sandbox.store.Node;
import dev.adsbridge.sandbox.store.NodeType;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /{creative or ad}/previews?ad_format=…} → {@code {"data":[{"body":"<iframe …>"}]}}, as Meta answers;
 * the iframe points at a small HTML preview the sandbox CDN renders ({@code /cdn/previews/{creative id}}).
 */
final class Previews {

    static final List<String> AD_FORMATS = List.of("DESKTOP_FEED_STANDARD", "MOBILE_FEED_STANDARD",
            "MOBILE_FEED_BASIC", "INSTAGRAM_STANDARD", "INSTAGRAM_STORY", "INSTAGRAM_REELS", "INSTAGRAM_EXPLORE_GRID",
            "FACEBOOK_STORY_MOBILE", "FACEBOOK_REELS_MOBILE", "RIGHT_COLUMN_STANDARD", "MARKETPLACE_MOBILE",
            "MESSENGER_MOBILE_INBOX_MEDIA", "AUDIENCE_NETWORK_OUTSTREAM_VIDEO", "MOBILE_BANNER", "MOBILE_INTERSTITIAL");
    static final String PATH = "/cdn/previews/";

    private Previews() {
    }

    static Object previews(GraphCall call) {
        String format = new Params(call).oneOf("ad_format", AD_FORMATS)
                .orElseThrow(() -> AdErrors.required("ad_format"));
        Node node = call.node();
        String creativeId = node.type() == NodeType.AD ? NodeViews.creativeId(node) : node.id();
        boolean story = format.contains("STORY") || format.contains("REELS");
        int width = story ? 320 : format.startsWith("RIGHT_COLUMN") ? 254 : 540;
        int height = story ? 570 : format.startsWith("RIGHT_COLUMN") ? 250 : 690;
        String src = call.baseUrl() + PATH + creativeId + "?ad_format="
                + URLEncoder.encode(format, StandardCharsets.UTF_8);
        String body = "<iframe src=\"" + src.replace("&", "&amp;") + "\" width=\"" + width + "\" height=\"" + height
                + "\" scrolling=\"yes\" style=\"border: none;\"></iframe>";
        return Map.of("data", List.of(Map.of("body", body)));
    }
}
