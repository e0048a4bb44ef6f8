package dev.adsbridge.sandbox.objects;

import dev.adsbridge.sandbox.http.GraphCall;
import dev.adsbridge.sandbox.http.Pager;
import dev.adsbridge.sandbox.http.UploadedFile;
import dev.adsbridge.sandbox.store.Node;
import dev.adsbridge.sandbox.store.NodeType;
import dev.adsbridge.sandbox.store.SandboxStore;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ad image library of an account: {@code POST /act_{id}/adimages} (multipart {@code filename=@x.png} or
 * {@code bytes=<base64>}) → {@code {"images":{"x.png":{"hash","url"}}}}, {@code GET …/adimages?hashes=[…]},
 * {@code DELETE …/adimages?hash=…}. The hash is the md5 of the bytes, as Meta's is; the bytes are served by the
 * sandbox CDN at {@code {base}/cdn/images/{hash}.{ext}}.
 */
public final class AdImages {

    public static final String CDN_PREFIX = "/cdn/images/";

    private AdImages() {
    }

    /** Adds an image to an account (or returns the one with the same bytes). Used by the seeder and uploads. */
    public static Node add(SandboxStore store, String accountId, String name, byte[] bytes, ImageBytes.Info info,
                           long epochSeconds) {
        String hash = ImageBytes.hash(bytes);
        String id = MarketingObjects.imageId(accountId, hash);
        Optional<Node> existing = store.node(id);
        if (existing.isPresent()) {
            return existing.get();
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("hash", hash);
        fields.put("name", name);
        fields.put("width", info.width());
        fields.put("height", info.height());
        fields.put("original_width", info.width());
        fields.put("original_height", info.height());
        fields.put("status", "ACTIVE");
        fields.put(Hidden.IMAGE_BYTES, bytes);
        fields.put(Hidden.IMAGE_TYPE, info.contentType());
        fields.put(Hidden.IMAGE_PATH, CDN_PREFIX + hash + "." + info.extension());
        return MarketingObjects.create(store, id, NodeType.AD_IMAGE, accountId, fields, epochSeconds);
    }

    /** The image with this hash in the account, if it exists and is not deleted. */
    static Optional<Node> find(SandboxStore store, String accountId, String hash) {
        return store.node(MarketingObjects.imageId(accountId, hash))
                .filter(node -> !"DELETED".equals(node.getString("status")));
    }

    static Object upload(GraphCall call) {
        Node account = call.node();
        AccountGuard.requireWritable(account);
        Params params = new Params(call);
        Map<String, byte[]> uploads = new LinkedHashMap<>();
        for (UploadedFile file : call.files().values()) {
            uploads.put(file.filename() == null || file.filename().isBlank() ? file.fieldName() : file.filename(),
                    file.bytes());
        }
        if (params.has("bytes")) {
            try {
                uploads.put("bytes", Base64.getMimeDecoder().decode(params.required("bytes")));
            } catch (IllegalArgumentException e) {
                throw AdErrors.wrongType("bytes", "a base64-encoded image");
            }
        }
        if (uploads.isEmpty()) {
            throw AdErrors.invalid("bytes", null, "No Image Provided",
                    "Upload an image file (multipart filename=@image.png) or send its base64 in the bytes field.");
        }
        Map<String, ImageBytes.Info> infos = new LinkedHashMap<>();
        uploads.forEach((name, bytes) -> {
            ImageBytes.Info info = bytes.length == 0 ? null : ImageBytes.inspect(bytes);
            if (info == null) {
                throw AdErrors.invalid("bytes", null, "Image Format Not Supported", "The file " + name + " isn't an image "
                        + "Meta can use. Upload a JPG, PNG, GIF, BMP or WebP file.");
            }
            infos.put(name, info);
        });
        if (params.validateOnly()) {
            return Map.of("success", true);
        }
        SandboxStore store = call.api().context().store();
        long now = call.api().context().nowEpochSeconds();
        Map<String, Object> images = new LinkedHashMap<>();
        uploads.forEach((name, bytes) -> {
            String displayName = params.string("name").orElse(name);
            Node image = add(store, account.id(), displayName, bytes, infos.get(name), now);
            if ("DELETED".equals(image.getString("status"))) {
                image.update(f -> f.put("status", "ACTIVE"));
            }
            Activities.record(call, account.id(), "add_images", image, Map.of("image_hash", image.getString("hash")));
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("hash", image.getString("hash"));
            entry.put("url", call.baseUrl() + image.get(Hidden.IMAGE_PATH));
            images.put(name, entry);
        });
        return Map.of("images", images);
    }

    static Object list(GraphCall call) {
        SandboxStore store = call.api().context().store();
        String accountId = call.node().id();
        List<Node> images = new ArrayList<>();
        if (call.has("hashes")) {
            for (String hash : Params.stringList("hashes", call.param("hashes").get())) {
                find(store, accountId, hash).ifPresent(images::add);
            }
        } else {
            List<Node> all = store.nodesOf(accountId, NodeType.AD_IMAGE);
            for (int i = all.size() - 1; i >= 0; i--) {
                if (!"DELETED".equals(all.get(i).getString("status"))) {
                    images.add(all.get(i));
                }
            }
        }
        if (call.has("name")) {
            String name = call.param("name").get();
            images.removeIf(image -> !name.equals(image.getString("name")));
        }
        return Pager.page(call, images, image -> NodeViews.render(call, image));
    }

    static Object delete(GraphCall call) {
        Node account = call.node();
        AccountGuard.requireWritable(account);
        SandboxStore store = call.api().context().store();
        String hash = new Params(call).required("hash");
        Node image = find(store, account.id(), hash).orElseThrow(() -> AdErrors.invalid("hash", null, "Image Not Found",
                "There's no image with hash " + hash + " in this ad account."));
        for (Node creative : store.nodesOf(account.id(), NodeType.AD_CREATIVE)) {
            if (hash.equals(creative.getString("image_hash")) && !"DELETED".equals(creative.getString("status"))) {
                throw AdErrors.invalid(null, "Image In Use", "This image is used by the ad creative "
                        + creative.id() + " and can't be deleted.");
            }
        }
        if (new Params(call).validateOnly()) {
            return Map.of("success", true);
        }
        image.update(f -> f.put("status", "DELETED"));
        Activities.record(call, account.id(), "delete_images", image, Map.of("image_hash", hash));
        return Map.of("success", true);
    }
}
