package dev.adsbridge.sandbox.objects;

import dev.adsbridge.sandbox.http.GraphCall;
import dev.adsbridge.sandbox.http.Pager;
import dev.adsbridge.sandbox.store.Node;
import dev.adsbridge.sandbox.store.NodeType;
import dev.adsbridge.sandbox.store.SandboxStore;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The video library of an account: {@code POST /act_{id}/advideos} with {@code file_url} (and optional
 * {@code title}/{@code name}, {@code description}) → {@code {"id"}}; {@code GET /act_{id}/advideos} and
 * {@code GET /{video_id}} read it. The sandbox does not fetch or transcode the file: a video is {@code ready} at once,
 * {@code source} is the URL it was added from, and its length is unknown (0).
 */
final class AdVideos {

    private AdVideos() {
    }

    static Object upload(GraphCall call) {
        Node account = call.node();
        AccountGuard.requireWritable(account);
        SandboxStore store = call.api().context().store();
        Params p = new Params(call);
        String fileUrl = p.string("file_url").orElseThrow(() -> AdErrors.required("file_url"));
        URI uri;
        try {
            uri = URI.create(fileUrl);
        } catch (IllegalArgumentException e) {
            throw AdErrors.wrongType("file_url", "an http(s) URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw AdErrors.wrongType("file_url", "an http(s) URL");
        }
        if (p.validateOnly()) {
            return Map.of("success", true);
        }
        long now = call.api().context().nowEpochSeconds();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("title", p.string("title").or(() -> p.string("name")).orElse(""));
        p.string("description").ifPresent(v -> fields.put("description", v));
        fields.put("source", fileUrl);
        fields.put("length", 0);
        fields.put("status", Map.of("video_status", "ready", "processing_progress", 100));
        Node video = MarketingObjects.create(store, NodeType.AD_VIDEO, account.id(), fields, now);
        Activities.record(call, account.id(), "create_video", video, Map.of());
        return Map.of("id", video.id());
    }

    static Object list(GraphCall call) {
        SandboxStore store = call.api().context().store();
        return Pager.page(call, store.newestFirst(call.node().id(), NodeType.AD_VIDEO),
                node -> NodeViews.render(call, node));
    }
}
