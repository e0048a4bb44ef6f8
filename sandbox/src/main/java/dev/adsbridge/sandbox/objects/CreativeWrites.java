package dev.adsbridge.sandbox.objects;

import dev.adsbridge.sandbox.http.GraphCall;
import dev.adsbridge.sandbox.store.Node;
import dev.adsbridge.sandbox.store.NodeType;
import dev.adsbridge.sandbox.store.SandboxStore;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /act_{id}/adcreatives}: a creative from an {@code object_story_spec} (page + link_data / video_data /
 * photo_data), an existing post ({@code object_story_id} = {@code {page_id}_{post_id}}) or an {@code asset_feed_spec}.
 */
public final class CreativeWrites {

    private CreativeWrites() {
    }

    static Object create(GraphCall call) {
        Node account = call.node();
        AccountGuard.requireWritable(account);
        NodeViews.checkFields(call, NodeType.AD_CREATIVE);
        SandboxStore store = call.api().context().store();
        Params p = new Params(call);
        long now = call.api().context().nowEpochSeconds();
        Set<String> pages = promotablePages(store, account, call);

        Optional<Map<String, Object>> spec = p.object("object_story_spec");
        Optional<String> storyId = p.string("object_story_id");
        Optional<Map<String, Object>> feed = p.object("asset_feed_spec");
        if (spec.isEmpty() && storyId.isEmpty() && feed.isEmpty()) {
            throw AdErrors.invalid("object_story_spec", null, "Creative Content Required", "A creative needs content: send "
                    + "object_story_spec (a page and link_data, video_data or photo_data), object_story_id "
                    + "({page_id}_{post_id}) or asset_feed_spec.");
        }
        // A dynamic creative (asset_feed_spec) takes a page-only object_story_spec: the content is in the feed.
        spec.ifPresent(s -> checkStorySpec(store, account, pages, s, feed.isPresent()));
        storyId.ifPresent(id -> {
            if (!id.matches("\\d+_\\d+") || !pages.contains(id.substring(0, id.indexOf('_')))) {
                throw AdErrors.invalid("object_story_id", null, "Post Not Available", "object_story_id must be {page_id}_{post_id} of "
                        + "a post on a page this ad account can promote.");
            }
        });
        feed.ifPresent(f -> checkFeed(store, account, f));
        String name = p.string("name").orElse("Creative " + Times.format(now, Times.zoneOf(store, account.id())));
        if (p.validateOnly()) {
            return Map.of("success", true);
        }

        Map<String, Object> fields;
        if (spec.isPresent()) {
            fields = fromStorySpec(store, account.id(), name, spec.get());
        } else {
            fields = new LinkedHashMap<>();
            fields.put("name", name);
            fields.put("status", "ACTIVE");
            storyId.ifPresent(id -> {
                fields.put("object_story_id", id);
                fields.put("effective_object_story_id", id);
                fields.put("actor_id", id.substring(0, id.indexOf('_')));
                fields.put("object_type", "SHARE");
            });
        }
        feed.ifPresent(f -> {
            fields.put("asset_feed_spec", f);
            if (spec.isPresent() && fields.get("title") == null && fields.get("body") == null) {
                fields.put("object_type", "SHARE");
            }
        });
        p.string("url_tags").ifPresent(v -> fields.put("url_tags", v));
        p.object("degrees_of_freedom_spec").ifPresent(v -> fields.put("degrees_of_freedom_spec", v));
        p.object("facebook_branded_content").ifPresent(v -> fields.put("facebook_branded_content", v));
        p.object("instagram_branded_content").ifPresent(v -> fields.put("instagram_branded_content", v));
        p.object("dynamic_creative_spec").ifPresent(v -> fields.put("dynamic_creative_spec", v));
        Node creative = MarketingObjects.create(store, NodeType.AD_CREATIVE, account.id(), fields, now);
        Activities.record(call, account.id(), "create_ad_creative", creative, Map.of());
        return NodeViews.created(call, creative);
    }

    /** The stored fields of a creative built from an object_story_spec (title, body, image, link, CTA, …). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> fromStorySpec(SandboxStore store, String accountId, String name,
                                                    Map<String, Object> spec) {
        Map<String, Object> fields = new LinkedHashMap<>();
        String pageId = String.valueOf(spec.get("page_id"));
        fields.put("name", name);
        fields.put("status", "ACTIVE");
        fields.put("object_story_spec", spec);
        fields.put("actor_id", pageId);
        Object instagram = spec.get("instagram_user_id");
        if (instagram != null) {
            fields.put("instagram_user_id", instagram.toString());
        }
        long post = 100_000_000_000_000L + Math.floorMod((long) spec.hashCode() * 31 + name.hashCode(),
                900_000_000_000_000L);
        fields.put("effective_object_story_id", pageId + "_" + post);
        Map<String, Object> link = (Map<String, Object>) spec.get("link_data");
        Map<String, Object> video = (Map<String, Object>) spec.get("video_data");
        Map<String, Object> photo = (Map<String, Object>) spec.get("photo_data");
        Map<String, Object> content = link != null ? link : video != null ? video : photo;
        fields.put("object_type", link != null ? "SHARE" : video != null ? "VIDEO" : "PHOTO");
        if (content != null) {
            putText(fields, "title", content.get(video != null ? "title" : "name"));
            putText(fields, "body", content.get("message"));
            putText(fields, "link_url", content.get("link"));
            putText(fields, "video_id", content.get("video_id"));
            Object hash = content.get("image_hash");
            if (hash != null) {
                fields.put("image_hash", hash.toString());
                AdImages.find(store, accountId, hash.toString()).ifPresent(image -> {
                    fields.put("image_url", image.get(Hidden.IMAGE_PATH));
                    fields.put("thumbnail_url", image.get(Hidden.IMAGE_PATH));
                });
            } else {
                putText(fields, "image_url", content.get("picture"));
                putText(fields, "image_url", content.get("image_url"));
            }
            Object cta = content.get("call_to_action");
            if (cta instanceof Map<?, ?> action && action.get("type") != null) {
                fields.put("call_to_action_type", action.get("type").toString());
            }
        }
        return fields;
    }

    private static void putText(Map<String, Object> fields, String name, Object value) {
        if (value != null && !value.toString().isEmpty()) {
            fields.put(name, value.toString());
        }
    }

    /** Pages the account may promote plus pages the caller manages. */
    static Set<String> promotablePages(SandboxStore store, Node account, GraphCall call) {
        Set<String> pages = new LinkedHashSet<>(Hidden.ids(account, Hidden.PROMOTE_PAGES));
        if (call.user() != null) {
            pages.addAll(call.user().pageIds());
        }
        return pages;
    }

    @SuppressWarnings("unchecked")
    private static void checkStorySpec(SandboxStore store, Node account, Set<String> pages, Map<String, Object> spec,
                                       boolean contentInFeed) {
        Object pageId = spec.get("page_id");
        if (pageId == null) {
            throw AdErrors.required("object_story_spec[page_id]");
        }
        if (!pages.contains(pageId.toString())) {
            throw AdErrors.invalid("object_story_spec", null, "Page Not Available", "This ad account can't run ads for the page "
                    + pageId + ". Use one of its promote_pages.");
        }
        Object link = spec.get("link_data");
        Object video = spec.get("video_data");
        Object photo = spec.get("photo_data");
        if (link == null && video == null && photo == null && spec.get("template_data") == null && !contentInFeed) {
            throw AdErrors.invalid("object_story_spec", null, "Creative Content Required", "object_story_spec needs link_data, "
                    + "video_data, photo_data or template_data.");
        }
        if (link instanceof Map<?, ?> linkData) {
            if (linkData.get("link") == null || linkData.get("link").toString().isBlank()) {
                throw AdErrors.required("object_story_spec[link_data][link]");
            }
            checkImage(store, account, linkData.get("image_hash"));
        } else if (link != null) {
            throw AdErrors.wrongType("object_story_spec[link_data]", "a JSON object");
        }
        if (video instanceof Map<?, ?> videoData) {
            if (videoData.get("video_id") == null) {
                throw AdErrors.required("object_story_spec[video_data][video_id]");
            }
            if (isBlank(videoData.get("image_hash")) && isBlank(videoData.get("image_url"))) {
                throw AdErrors.invalid("object_story_spec", AdErrors.VIDEO_THUMBNAIL_REQUIRED, "Your ad needs a video thumbnail",
                        "Add a thumbnail to your video ad: set image_hash (an image of this ad account) or "
                                + "image_url in video_data.");
            }
            checkImage(store, account, videoData.get("image_hash"));
        }
        if (photo instanceof Map<?, ?> photoData) {
            checkImage(store, account, photoData.get("image_hash"));
        }
    }

    @SuppressWarnings("unchecked")
    private static void checkFeed(SandboxStore store, Node account, Map<String, Object> feed) {
        Object images = feed.get("images");
        if (images instanceof List<?> list) {
            for (Object image : list) {
                if (image instanceof Map<?, ?> map) {
                    checkImage(store, account, ((Map<String, Object>) map).get("hash"));
                }
            }
        }
    }

    private static boolean isBlank(Object value) {
        return value == null || value.toString().isBlank();
    }

    private static void checkImage(SandboxStore store, Node account, Object hash) {
        if (hash != null && AdImages.find(store, account.id(), hash.toString()).isEmpty()) {
            throw AdErrors.invalid("object_story_spec", null, "Image Not Found", "There's no image with hash " + hash + " in this ad "
                    + "account. Upload it first with POST /" + account.id() + "/adimages.");
        }
    }
}
