package dev.adsbridge.mcp.tools;

import dev.adsbridge.graph.FilePart;
import dev.adsbridge.graph.Page;
import dev.adsbridge.mcp.inventory.Args;
import dev.adsbridge.mcp.inventory.GraphSession;
import dev.adsbridge.mcp.inventory.Hints;
import dev.adsbridge.mcp.inventory.Json;
import dev.adsbridge.mcp.inventory.Schema;
import dev.adsbridge.mcp.inventory.ToolCall;
import dev.adsbridge.mcp.inventory.ToolDefinition;
import dev.adsbridge.mcp.inventory.ToolException;
import dev.adsbridge.mcp.inventory.ToolResults;
import dev.adsbridge.mcp.inventory.Toolset;
import dev.adsbridge.mcp.tools.images.ImageFetcher;
import dev.adsbridge.meta.ImageTypes;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Toolset {@code creatives}: ad creatives and the ad image library — read creatives, see an ad's image, upload images
 * (from the caller's bytes or a public URL), create creatives, rename or delete them, and compute image crops.
 */
public final class CreativeTools {

    /** Meta's call-to-action button types (AdCreativeLinkDataCallToAction.type). */
    static final Set<String> CALL_TO_ACTION_TYPES = Set.of("ADD_TO_CART", "APPLY_NOW", "ASK_ABOUT_SERVICES",
            "ASK_FOR_MORE_INFO", "AUDIO_CALL", "BOOK_A_CONSULTATION", "BOOK_NOW", "BOOK_TRAVEL", "BUY", "BUY_NOW",
            "BUY_TICKETS", "BUY_VIA_MESSAGE", "CALL", "CALL_ME", "CALL_NOW", "CHAT_WITH_US", "CONFIRM", "CONTACT",
            "CONTACT_US", "DONATE", "DONATE_NOW", "DOWNLOAD", "EVENT_RSVP", "FIND_A_GROUP", "FIND_YOUR_GROUPS",
            "FOLLOW_NEWS_STORYLINE", "FOLLOW_PAGE", "FOLLOW_USER", "GET_A_QUOTE", "GET_DIRECTIONS", "GET_IN_TOUCH",
            "GET_OFFER", "GET_OFFER_VIEW", "GET_PROMOTIONS", "GET_QUOTE", "GET_SHOWTIMES", "GET_STARTED",
            "INQUIRE_NOW", "INSTALL_APP", "INSTALL_MOBILE_APP", "JOIN_CHANNEL", "LEARN_MORE", "LIKE_PAGE",
            "LISTEN_MUSIC", "LISTEN_NOW", "MAKE_AN_APPOINTMENT", "MESSAGE_PAGE", "MOBILE_DOWNLOAD", "NO_BUTTON",
            "OPEN_INSTANT_APP", "OPEN_LINK", "ORDER_NOW", "PAY_TO_ACCESS", "PLAY_GAME", "PLAY_GAME_ON_FACEBOOK",
            "PURCHASE_GIFT_CARDS", "RAISE_MONEY", "RECORD_NOW", "REFER_FRIENDS", "REQUEST_TIME", "SAY_THANKS",
            "SEE_MORE", "SELL_NOW", "SEND_A_GIFT", "SEND_GIFT_MONEY", "SEND_UPDATES", "SHARE", "SHOP_NOW", "SIGN_UP",
            "SOTTO_SUBSCRIBE", "START_ORDER", "SUBSCRIBE", "SWIPE_UP_PRODUCT", "SWIPE_UP_SHOP", "UPDATE_APP",
            "USE_APP", "USE_MOBILE_APP", "VIDEO_ANNOTATION", "VIDEO_CALL", "VIEW_CHANNEL", "VIEW_PRODUCT",
            "VISIT_PAGES_FEED", "WATCH_LIVE_VIDEO", "WATCH_MORE", "WATCH_VIDEO", "WHATSAPP_MESSAGE",
            "WOODHENGE_SUPPORT");
    static final String COMMON_CALLS_TO_ACTION = "LEARN_MORE, SHOP_NOW, SIGN_UP, SUBSCRIBE, BOOK_NOW, CONTACT_US, "
            + "DOWNLOAD, GET_OFFER, GET_QUOTE, APPLY_NOW, ORDER_NOW, BUY_NOW, WATCH_MORE, MESSAGE_PAGE";
    /** Crop keys Meta accepts in image_crops, with their aspect ratio (width x height). */
    static final Map<String, int[]> CROP_KEYS = orderedCrops();
    static final List<String> DEFAULT_CROP_KEYS = List.of("100x100", "191x100", "400x150", "600x360", "90x160",
            "400x500");

    static final String CREATIVE_FIELDS = "id,name,status,title,body,image_hash,image_url,thumbnail_url,"
            + "object_story_spec,asset_feed_spec,call_to_action_type,link_url,url_tags,object_type,video_id,"
            + "effective_object_story_id,instagram_user_id";
    static final String CREATIVE_DETAIL_FIELDS = CREATIVE_FIELDS + ",account_id,object_story_id,actor_id,"
            + "degrees_of_freedom_spec";

    /** The largest image get_ad_image / get_image_by_hash hands to a model. */
    static final int MAX_VIEW_BYTES = 10 * 1024 * 1024;

    private static final Pattern IMAGE_HASH = Pattern.compile("[0-9a-fA-F]{32}");
    private static final Pattern DATA_URL = Pattern.compile("data:([^;,]*)((?:;[^;,]*)*),(.*)", Pattern.DOTALL);
    private static final Pattern STORY_ID = Pattern.compile("([0-9]{1,30})_([0-9]{1,30})");
    private static final Pattern AD_FORMAT = Pattern.compile("[A-Z][A-Z_]{1,40}");
    private static final int MAX_TEXT_VARIANTS = 5;
    private static final int MAX_IMAGE_VARIANTS = 10;
    private static final int MAX_IMAGE_NAME_LENGTH = 100;
    /** What Meta does not let an existing creative change (update_ad_creative refuses them with a recipe). */
    private static final List<String> CONTENT_FIELDS = List.of("url_tags", "message", "messages", "headline",
            "headlines", "description", "descriptions", "call_to_action_type", "image_hash", "image_hashes",
            "link_url", "video_id", "object_story_spec", "asset_feed_spec", "optimization_type",
            "dynamic_creative_spec", "lead_gen_form_id", "ad_formats", "image_crops", "creative_features_spec");
    /** Arguments that make a new creative's content, which an existing post (object_story_id) cannot take. */
    private static final List<String> STORY_CONTENT = List.of("image_hash", "image_hashes", "images", "video_id",
            "videos", "thumbnail_url", "link_url", "message", "messages", "headline", "headlines", "description",
            "descriptions", "call_to_action_type", "image_crops", "optimization_type", "ad_formats",
            "lead_gen_form_id", "caption", "phone_number", "event_id", "reminder_data", "asset_customization_rules");
    /** asset_feed_spec optimization types: Advantage+ creative, or assets per placement. */
    static final List<String> OPTIMIZATION_TYPES = List.of("DEGREES_OF_FREEDOM", "PLACEMENT");
    /**
     * Advantage+ creative enhancements Meta can apply on its own; disable_all_enhancements opts out of each
     * (creative_features_spec, inside degrees_of_freedom_spec).
     */
    static final List<String> ENHANCEMENTS = List.of("add_text_overlay", "creative_stickers",
            "description_automation", "image_animation", "image_background_gen", "image_templates", "image_touchups",
            "image_uncrop", "inline_comment", "media_type_automation", "music_generation", "product_extensions",
            "profile_card", "reveal_details_over_time", "show_destination_blurbs", "show_summary", "site_extensions",
            "text_optimizations", "text_translation", "translate_voiceover", "video_auto_crop", "video_highlights");
    private static final ImageFetcher FETCHER = ImageFetcher.publicOnly();

    private CreativeTools() {
    }

    static List<ToolDefinition> all() {
        return List.of(getAdCreatives(), getCreativeDetails(), getAdImage(), getAdVideo(), getImageByHash(),
                getAdImages(),
                uploadAdImage(),
                createAdCreative(), updateAdCreative(), computeImageCrops());
    }

    // ---------------------------------------------------------------- get_ad_creatives

    public static ToolDefinition getAdCreatives() {
        return ToolDefinition.builder("get_ad_creatives", Toolset.CREATIVES)
                .title("Get an ad's creative")
                .hints(Hints.READ)
                .scopes("ads_read")
                .description("""
                        Get the creative of an ad (pass ad_id, not an account id; get_ads lists ads): its \
                        headline (title), primary text (body), image_hash, image_url and thumbnail_url, link, \
                        call to action, url_tags, and the full object_story_spec or asset_feed_spec it was built \
                        from. image_urls_for_viewing lists the image URLs found, best first; get_ad_image shows \
                        the image itself.
                        Returns {"data":[{"id","name","status","title","body","image_hash","image_url",\
                        "thumbnail_url","object_story_spec",…,"image_urls_for_viewing":[…]}]}.""")
                .input(Schema.object()
                        .string("ad_id", "Ad id (digits), e.g. from get_ads.").required())
                .handler(call -> {
                    String adId = call.args().objectId("ad_id", "ad");
                    Page<JsonNode> page = call.graph().page(adId + "/adcreatives",
                            Map.of("fields", CREATIVE_FIELDS));
                    return ToolResults.success(Common.listResult(page, CreativeTools::withViewingUrls));
                })
                .build();
    }

    // ---------------------------------------------------------------- get_creative_details

    public static ToolDefinition getCreativeDetails() {
        return ToolDefinition.builder("get_creative_details", Toolset.CREATIVES)
                .title("Get creative details")
                .hints(Hints.READ)
                .scopes("ads_read")
                .description("""
                        Get one ad creative by its creative id (get_ad_creatives and get_ad_details show an \
                        ad's creative id): name, status, headline (title), primary text (body), image_hash, \
                        image_url, thumbnail_url, video_id, link_url, call_to_action_type, url_tags, the Page \
                        it runs as (actor_id), and the object_story_spec / asset_feed_spec it was built from, \
                        plus image_urls_for_viewing.""")
                .input(Schema.object()
                        .string("creative_id", "Creative id (digits).").required())
                .handler(call -> {
                    String creativeId = call.args().objectId("creative_id", "creative");
                    JsonNode creative = call.graph().get(creativeId, Map.of("fields", CREATIVE_DETAIL_FIELDS));
                    return ToolResults.success(withViewingUrls(creative));
                })
                .build();
    }

    /** Adds {@code image_urls_for_viewing}: the image URLs of a creative, full-size ones before thumbnails. */
    private static ObjectNode withViewingUrls(JsonNode creative) {
        ObjectNode copy = Common.copyOf(creative);
        Set<String> urls = new LinkedHashSet<>();
        addUrl(urls, Json.text(copy, "image_url"));
        JsonNode spec = copy.path("object_story_spec");
        addUrl(urls, Json.text(spec.path("link_data"), "picture"));
        addUrl(urls, Json.text(spec.path("video_data"), "image_url"));
        addUrl(urls, Json.text(spec.path("photo_data"), "url"));
        for (JsonNode image : copy.path("asset_feed_spec").path("images")) {
            addUrl(urls, Json.text(image, "url"));
        }
        addUrl(urls, Json.text(copy, "thumbnail_url"));
        copy.set("image_urls_for_viewing", Common.strings(List.copyOf(urls)));
        return copy;
    }

    private static void addUrl(Set<String> urls, String url) {
        if (url != null && (url.startsWith("https://") || url.startsWith("http://"))) {
            urls.add(url);
        }
    }

    // ---------------------------------------------------------------- get_ad_image / get_image_by_hash

    public static ToolDefinition getAdImage() {
        return ToolDefinition.builder("get_ad_image", Toolset.CREATIVES)
                .title("Show an ad's image")
                .hints(Hints.READ)
                .scopes("ads_read")
                .description("""
                        Show the image of an ad so you can look at it: finds the ad's creative, its image hash \
                        (also inside object_story_spec or the first asset_feed_spec image) and the image in the \
                        ad account's image library, downloads it from the URL Meta gives and returns it as image \
                        content (PNG, JPEG, GIF or WebP as stored) plus a text item with {"ad_id","creative_id",\
                        "image_hash","mime_type","bytes","width","height","url"}.
                        Ads built from an existing post or a video without a thumbnail hash have no library \
                        image: the error says so; get_ad_creatives then shows their thumbnail_url. Images over \
                        10 MB are not returned.""")
                .input(Schema.object()
                        .string("ad_id", "Ad id (digits), e.g. from get_ads.").required())
                .handler(CreativeTools::adImage)
                .build();
    }

    private static CallToolResult adImage(ToolCall call) {
        String adId = call.args().objectId("ad_id", "ad");
        JsonNode ad = call.graph().get(adId, Map.of("fields",
                "id,account_id,creative{id,image_hash,object_story_spec,asset_feed_spec}"));
        String accountDigits = Json.text(ad, "account_id");
        JsonNode creative = ad.path("creative");
        String creativeId = Json.text(creative, "id");
        if (accountDigits == null || creativeId == null) {
            throw ToolException.invalid("Ad " + adId + " has no creative to show (Meta returned no creative id).");
        }
        String hash = imageHashOf(creative).orElseThrow(() -> ToolException.invalid("The creative " + creativeId
                + " of ad " + adId + " has no image in the ad image library (it uses an existing post, a video "
                + "without a thumbnail hash, or an image by URL). get_ad_creatives shows its thumbnail_url and "
                + "image_urls_for_viewing."));
        String accountId = accountDigits.startsWith("act_") ? accountDigits : "act_" + accountDigits;
        ObjectNode about = Json.object();
        about.put("ad_id", adId);
        about.put("creative_id", creativeId);
        return imageResult(call.graph(), accountId, hash, about);
    }

    /** How much of an account's video library get_ad_video reads (newest first) before it looks a video up by id. */
    private static final int LIBRARY_READ = 500;

    /** What get_ad_video reads of an AdVideo (which has no account_id field: Meta refuses the whole read for it). */
    static final String VIDEO_FIELDS = "id,title,description,length,source,picture,status,created_time,"
            + "permalink_url";

    public static ToolDefinition getAdVideo() {
        return ToolDefinition.builder("get_ad_video", Toolset.CREATIVES)
                .title("Get an ad's video")
                .hints(Hints.READ)
                .scopes("ads_read")
                .description("""
                        Get a video of an ad or of the ad account's video library: its source URL (a direct \
                        download link from Meta), thumbnail (picture), length in seconds, title, description and \
                        processing status (video_status "ready" or "processing": wait for "ready" before using it \
                        in create_ad_creative). Pass video_id, or ad_id to take the video of the ad's creative \
                        (video_data, the creative's video_id, or the first asset_feed_spec video). With account_id \
                        the video is looked up in that account's library first (works for videos a Business \
                        Manager shares with the account), then by id.
                        Returns {"video_id","ad_id"?,"creative_id"?,"source_url","thumbnail_url","length",\
                        "title","description","video_status","created_time","permalink_url"}.""")
                .input(Schema.object()
                        .string("ad_id", "Ad whose creative's video to get (digits). Or video_id.").defaultValue("")
                        .string("video_id", "Video id (digits), e.g. from get_creative_details.").defaultValue("")
                        .string("account_id", "Ad account of the video (act_123 or 123): looks in its video "
                                + "library first.").defaultValue("")
                        .bool("library_only", "true: only a video in that account's library (the ad's account "
                                + "with ad_id), never one looked up by id elsewhere."))
                .handler(CreativeTools::adVideo)
                .build();
    }

    private static CallToolResult adVideo(ToolCall call) {
        Args args = call.args();
        Optional<String> adId = args.optionalObjectId("ad_id", "ad");
        Optional<String> givenVideo = args.optionalObjectId("video_id", "video");
        Optional<String> accountId = args.optionalAccountId("account_id");
        boolean libraryOnly = args.bool("library_only", false);
        if (adId.isEmpty() && givenVideo.isEmpty()) {
            throw ToolException.invalid("Pass video_id, or ad_id to get the video of the ad's creative.");
        }
        if (libraryOnly && accountId.isEmpty() && adId.isEmpty()) {
            throw ToolException.invalid("library_only needs the account_id whose library holds the video.");
        }
        ObjectNode result = Json.object();
        String videoId;
        if (givenVideo.isPresent()) {
            videoId = givenVideo.get();
        } else {
            JsonNode ad = call.graph().get(adId.get(), Map.of("fields",
                    "id,account_id,creative{id,video_id,object_story_spec,asset_feed_spec}"));
            JsonNode creative = ad.path("creative");
            List<String> candidates = new ArrayList<>();
            candidates.add(Json.text(creative, "video_id"));
            candidates.add(Json.text(creative.path("object_story_spec").path("video_data"), "video_id"));
            for (JsonNode video : creative.path("asset_feed_spec").path("videos")) {
                candidates.add(Json.text(video, "video_id"));
            }
            videoId = candidates.stream().filter(id -> id != null && !id.isBlank()).findFirst()
                    .orElseThrow(() -> ToolException.invalid("The creative of ad " + adId.get() + " has no video "
                            + "(it is an image or post ad): get_ad_image shows its image."));
            result.put("ad_id", adId.get());
            Optional.ofNullable(Json.text(creative, "id")).ifPresent(id -> result.put("creative_id", id));
            if (accountId.isEmpty() && Json.text(ad, "account_id") != null) {
                accountId = Optional.of("act_" + Json.text(ad, "account_id"));
            }
        }
        JsonNode video = null;
        boolean libraryCut = false;
        if (accountId.isPresent()) {
            List<JsonNode> library = call.graph().fetchAll(accountId.get() + "/advideos", Map.of("fields",
                    VIDEO_FIELDS, "limit", "100"), LIBRARY_READ);
            libraryCut = library.size() >= LIBRARY_READ;
            video = library.stream().filter(item -> videoId.equals(Json.text(item, "id"))).findFirst().orElse(null);
        }
        if (video == null) {
            if (libraryOnly) {
                throw ToolException.invalid("Video " + videoId + " is not in the video library of "
                        + accountId.orElse("the ad's account") + (libraryCut ? " (among its newest " + LIBRARY_READ
                        + " videos, as far as library_only looks)" : " (library_only)") + ".");
            }
            video = call.graph().get(videoId, Map.of("fields", VIDEO_FIELDS));
        }
        result.put("video_id", videoId);
        putText(result, "source_url", Json.text(video, "source"));
        putText(result, "thumbnail_url", Json.text(video, "picture"));
        if (video.path("length").isNumber()) {
            result.put("length", video.path("length").asDouble());
        }
        putText(result, "title", Json.text(video, "title"));
        putText(result, "description", Json.text(video, "description"));
        putText(result, "video_status", Json.text(video.path("status"), "video_status"));
        putText(result, "created_time", Json.text(video, "created_time"));
        putText(result, "permalink_url", Json.text(video, "permalink_url"));
        return ToolResults.success(result);
    }

    private static void putText(ObjectNode target, String field, String value) {
        if (value != null && !value.isBlank()) {
            target.put(field, value);
        }
    }

    public static ToolDefinition getImageByHash() {
        return ToolDefinition.builder("get_image_by_hash", Toolset.CREATIVES)
                .title("Show a library image")
                .hints(Hints.READ)
                .scopes("ads_read")
                .description("""
                        Show an image of an ad account's image library by its hash (the image_hash of creatives \
                        and of upload_ad_image): looks it up in the account's ad images, downloads it from the URL \
                        Meta gives and returns it as image content plus a text item with {"image_hash",\
                        "mime_type","bytes","width","height","name","url"}. Images over 10 MB are not \
                        returned.""")
                .input(Schema.object()
                        .string("account_id", Common.ACCOUNT_ID).required()
                        .string("image_hash", "The image hash: 32 hexadecimal characters, e.g. from "
                                + "get_ad_creatives or upload_ad_image.").required())
                .handler(call -> {
                    Args args = call.args();
                    String accountId = args.accountId("account_id");
                    String hash = imageHash(args.requireString("image_hash", "pass the image hash (32 hex "
                            + "characters)"), "image_hash");
                    return imageResult(call.graph(), accountId, hash, Json.object());
                })
                .build();
    }

    /** The creative's library image hash: top level, then inside its story spec, then the first feed image. */
    private static Optional<String> imageHashOf(JsonNode creative) {
        List<String> candidates = new ArrayList<>();
        candidates.add(Json.text(creative, "image_hash"));
        JsonNode spec = creative.path("object_story_spec");
        for (String part : List.of("link_data", "video_data", "photo_data")) {
            candidates.add(Json.text(spec.path(part), "image_hash"));
        }
        for (JsonNode image : creative.path("asset_feed_spec").path("images")) {
            candidates.add(Json.text(image, "hash"));
        }
        return candidates.stream().filter(hash -> hash != null && !hash.isBlank()).findFirst();
    }

    /** Most hashes one get_ad_images call looks up (one Graph call; Meta pages longer answers). */
    static final int MAX_IMAGE_HASHES = 50;
    static final String AD_IMAGE_FIELDS = "hash,name,url,url_128,permalink_url,width,height,status,created_time";

    public static ToolDefinition getAdImages() {
        return ToolDefinition.builder("get_ad_images", Toolset.CREATIVES)
                .title("Look up library images by hash")
                .hints(Hints.READ)
                .scopes("ads_read")
                .description("""
                        Look up several images of an ad account's image library in one call by their hashes (the \
                        image_hash of creatives, e.g. from get_ads with fields creative{image_hash}): Meta's \
                        GET /act_…/adimages?hashes=[…]. Returns {"data":[{"hash","name","url","url_128",\
                        "permalink_url","width","height","status","created_time"}],"paging","next_cursor"} — \
                        metadata and URLs only, no image bytes (get_image_by_hash shows one image). Hashes not in \
                        the library are simply absent from data.""")
                .input(Schema.object()
                        .string("account_id", Common.ACCOUNT_ID).required()
                        .stringArray("hashes", "Image hashes (32 hexadecimal characters each), 1 to "
                                + MAX_IMAGE_HASHES + ", e.g. ['a1b2…','c3d4…'].").required())
                .handler(CreativeTools::adImages)
                .build();
    }

    private static CallToolResult adImages(ToolCall call) {
        Args args = call.args();
        String accountId = args.accountId("account_id");
        List<String> hashes = args.stringList("hashes").orElse(List.of()).stream()
                .map(h -> imageHash(h, "hashes")).distinct().toList();
        if (hashes.isEmpty()) {
            throw Args.invalid("hashes", "must name at least one image hash");
        }
        if (hashes.size() > MAX_IMAGE_HASHES) {
            throw Args.invalid("hashes", "names " + hashes.size() + " hashes; look up at most " + MAX_IMAGE_HASHES
                    + " per call");
        }
        Map<String, String> params = Common.listParams(AD_IMAGE_FIELDS, MAX_IMAGE_HASHES, Optional.empty());
        params.put("hashes", Json.write(hashes));
        return ToolResults.success(Common.listResult(call.graph().page(accountId + "/adimages", params)));
    }

    private static CallToolResult imageResult(GraphSession graph, String accountId, String hash, ObjectNode about) {
        JsonNode images = graph.get(accountId + "/adimages", Map.of(
                "hashes", Json.write(List.of(hash)), "fields", "hash,url,width,height,name,status"));
        JsonNode image = images.path("data").path(0);
        String url = Json.text(image, "url");
        if (url == null) {
            throw ToolException.invalid("No image with hash " + hash + " in ad account " + accountId + "'s image "
                    + "library (it may have been deleted, or belong to another account).");
        }
        ImageFetcher.Fetched fetched = FETCHER.fetchFromMeta(url, MAX_VIEW_BYTES);
        ImageTypes.Format format = fetched.format();
        about.put("account_id", accountId);
        about.put("image_hash", hash);
        about.put("mime_type", format.mimeType());
        about.put("bytes", fetched.bytes().length);
        Optional<int[]> size = format.dimensions(fetched.bytes());
        about.put("width", size.map(s -> s[0]).orElseGet(() -> image.path("width").asInt(0)));
        about.put("height", size.map(s -> s[1]).orElseGet(() -> image.path("height").asInt(0)));
        String name = Json.text(image, "name");
        if (name != null) {
            about.put("name", name);
        }
        about.put("url", url);
        return ToolResults.image(fetched.bytes(), format.mimeType(), about);
    }

    // ---------------------------------------------------------------- upload_ad_image

    public static ToolDefinition uploadAdImage() {
        return uploadAdImage(FETCHER);
    }

    /** upload_ad_image with a given fetcher: tests pass one that may also reach a loopback test server. */
    static ToolDefinition uploadAdImage(ImageFetcher fetcher) {
        return ToolDefinition.builder("upload_ad_image", Toolset.CREATIVES)
                .title("Upload an ad image")
                .hints(Hints.CREATE)
                .scopes("ads_management")
                .description("""
                        Upload an image to an ad account's image library and get the image_hash that \
                        create_ad_creative needs. Give the image either as 'file' (a data URL such as \
                        data:image/png;base64,iVBOR… or plain base64) or as 'image_url' (a public http(s) link \
                        straight to the image; fetched by this server, following at most 3 redirects). URLs \
                        that lead to private, loopback, link-local or metadata addresses are refused, as are \
                        answers that are not images. JPG, PNG, GIF, BMP, TIFF and WebP up to 30 MB (base64 \
                        'file' is limited by the request size the server accepts, about 6 MB; use image_url \
                        for larger images).
                        Uploading the same bytes again returns the same hash. Use validate_only=true to check \
                        the image with Meta without storing it.
                        Returns {"success":true,"account_id","image_hash","name","mime_type","bytes","width",\
                        "height","images":[{"hash","url","name"}]}.""")
                .input(Common.validateOnly(Schema.object()
                        .string("account_id", Common.ACCOUNT_ID).required()
                        .string("file", "The image as a data URL (data:image/jpeg;base64,…) or plain base64. Not "
                                + "together with image_url.")
                        .string("image_url", "Public http(s) URL of the image to fetch and upload. Not together "
                                + "with file.")
                        .string("name", "Name of the image in the library. Default: the file name of image_url, "
                                + "or upload.<ext>.")))
                .handler(call -> upload(call, fetcher))
                .build();
    }

    private static CallToolResult upload(ToolCall call, ImageFetcher fetcher) {
        Args args = call.args();
        String accountId = args.accountId("account_id");
        Optional<String> file = args.string("file");
        Optional<String> url = args.string("image_url");
        if (file.isPresent() == url.isPresent()) {
            throw ToolException.invalid(file.isPresent()
                    ? "Pass the image once: either 'file' (data URL or base64) or 'image_url', not both."
                    : "Missing image: pass 'file' (a data URL such as data:image/png;base64,… or plain base64) or "
                    + "'image_url' (a public http(s) link to the image).");
        }
        Optional<String> explicitName = args.string("name").map(CreativeTools::checkedImageName);
        byte[] bytes;
        String inferredName;
        if (file.isPresent()) {
            bytes = decodeFile(file.get());
            inferredName = null;
        } else {
            checkImageUrlShape(url.get());
            ImageFetcher.Fetched fetched = fetcher.fetchPublic(url.get(), ImageFetcher.MAX_UPLOAD_BYTES);
            bytes = fetched.bytes();
            inferredName = fileNameOf(fetched.finalUrl());
        }
        ImageTypes.Format format = ImageTypes.sniff(bytes).orElseThrow(() -> Args.invalid(file.isPresent() ? "file"
                : "image_url", "is not a JPG, PNG, GIF, BMP, TIFF or WebP image (its first bytes say otherwise)"));
        String name = explicitName.orElseGet(() -> inferredName != null ? inferredName
                : "upload." + format.extension());

        Map<String, String> params = new LinkedHashMap<>();
        params.put("name", name);
        boolean validateOnly = Common.applyValidateOnly(args, params);
        // The bytes go as a file part, as Meta documents it (filename=@image.png): no base64 blow-up on the wire.
        FilePart part = new FilePart("filename", partFileName(name), format.mimeType(), bytes);
        JsonNode answer = call.graph().postMultipart(accountId + "/adimages", params, List.of(part));

        ObjectNode result = Json.object();
        result.put("success", true);
        result.put("account_id", accountId);
        result.put("name", name);
        result.put("source", file.isPresent() ? "file" : "image_url");
        result.put("mime_type", format.mimeType());
        result.put("bytes", bytes.length);
        format.dimensions(bytes).ifPresent(size -> {
            result.put("width", size[0]);
            result.put("height", size[1]);
        });
        if (validateOnly) {
            return ToolResults.success(Common.dryRun(result, "Dry run: Meta accepted the image; nothing was stored, "
                    + "so there is no hash yet."));
        }
        ArrayNode images = Json.array();
        answer.path("images").properties().forEach(entry -> {
            ObjectNode image = images.addObject();
            image.put("hash", Optional.ofNullable(Json.text(entry.getValue(), "hash")).orElse(entry.getKey()));
            String imageUrl = Json.text(entry.getValue(), "url");
            if (imageUrl != null) {
                image.put("url", imageUrl);
            }
            image.put("name", name);
        });
        if (images.isEmpty()) {
            throw ToolException.invalid("Meta answered the upload without an image hash; retry, or check the ad "
                    + "account's images in Ads Manager.");
        }
        result.put("image_hash", images.get(0).get("hash").asString());
        result.set("images", images);
        result.put("images_count", images.size());
        result.put("note", "Use image_hash in create_ad_creative.");
        return ToolResults.success(result);
    }

    private static byte[] decodeFile(String file) {
        String payload = file.strip();
        Matcher dataUrl = DATA_URL.matcher(payload);
        if (payload.regionMatches(true, 0, "data:", 0, 5)) {
            if (!dataUrl.matches() || !dataUrl.group(2).toLowerCase(Locale.ROOT).contains(";base64")) {
                throw Args.invalid("file", "is a data URL but not a base64 one; send data:image/png;base64,<data>");
            }
            String mediaType = dataUrl.group(1).toLowerCase(Locale.ROOT);
            if (!mediaType.isEmpty() && !mediaType.startsWith("image/")) {
                throw Args.invalid("file", "declares the media type '" + mediaType + "'; it must be an image "
                        + "(image/png, image/jpeg, …)");
            }
            payload = dataUrl.group(3);
        }
        String compact = payload.replaceAll("\\s+", "");
        if (compact.isEmpty()) {
            throw Args.invalid("file", "holds no image data");
        }
        if ((long) compact.length() * 3 / 4 > ImageFetcher.MAX_UPLOAD_BYTES) {
            throw Args.invalid("file", "is larger than 30 MB, the most Meta accepts for an ad image");
        }
        try {
            return compact.indexOf('-') >= 0 || compact.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(compact) : Base64.getDecoder().decode(compact);
        } catch (IllegalArgumentException e) {
            throw Args.invalid("file", "is not valid base64 (send the image bytes base64-encoded, optionally as a "
                    + "data URL)");
        }
    }

    /** Shape checks that need no network, so a bad URL fails with a precise message before anything else. */
    private static void checkImageUrlShape(String url) {
        String lower = url.strip().toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            throw Args.invalid("image_url", "must be a public http:// or https:// URL of the image (for local "
                    + "files pass the bytes as 'file')");
        }
    }

    private static String checkedImageName(String name) {
        if (name.length() > MAX_IMAGE_NAME_LENGTH || name.chars().anyMatch(c -> c < 0x20)) {
            throw Args.invalid("name", "must be at most " + MAX_IMAGE_NAME_LENGTH + " printable characters");
        }
        return name;
    }

    /** The image's name as a multipart file name, which cannot hold quotes. */
    private static String partFileName(String name) {
        return name.replace('"', '\'');
    }

    /** The last path segment of a URL when it looks like a file name, else null. */
    private static String fileNameOf(URI url) {
        String path = url.getPath();
        if (path == null || path.isEmpty() || path.endsWith("/")) {
            return null;
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        return last.matches("[A-Za-z0-9._ -]{1," + MAX_IMAGE_NAME_LENGTH + "}") && last.contains(".") ? last : null;
    }

    // ---------------------------------------------------------------- create_ad_creative

    public static ToolDefinition createAdCreative() {
        return ToolDefinition.builder("create_ad_creative", Toolset.CREATIVES)
                .title("Create an ad creative")
                .hints(Hints.CREATE)
                .scopes("ads_management")
                .description("""
                        Create an ad creative: what an ad shows. Then put it into an ad set with create_ad.
                        Three shapes:
                        1. Single image or video: page_id (get_account_pages), link_url, image_hash \
                        (upload_ad_image) — or video_id plus image_hash as its thumbnail — with optional \
                        message (primary text), headline, description and call_to_action_type. Built as \
                        object_story_spec.link_data (video_data for a video).
                        2. Several variants for Meta to combine (dynamic / Advantage+ creative): image_hashes \
                        (up to 10), messages, headlines, descriptions (up to 5 each) and/or \
                        optimization_type=DEGREES_OF_FREEDOM. Built as asset_feed_spec; the ad set needs \
                        is_dynamic_creative=true.
                        3. An existing Page post: object_story_id "<page_id>_<post_id>" (nothing else needed).
                        call_to_action_type is one of Meta's button types, e.g. LEARN_MORE, SHOP_NOW, SIGN_UP, \
                        SUBSCRIBE, BOOK_NOW, CONTACT_US, DOWNLOAD, GET_OFFER, APPLY_NOW, ORDER_NOW. url_tags are \
                        appended to the link, e.g. "utm_source=facebook&utm_campaign={{campaign.name}}". \
                        image_crops (from compute_image_crops) fixes how the image is cropped per placement.
                        Everything is checked before Meta is called. Use validate_only=true for a dry run. \
                        Returns {"success":true,"creative_id","shape","details":{…}}.""")
                .input(Common.validateOnly(Schema.object()
                        .string("account_id", Common.ACCOUNT_ID).required()
                        .string("name", "Creative name (shown in Ads Manager). Default: 'Creative <time>'.")
                        .stringOrInteger("page_id", "Facebook Page the ad runs as (digits); required unless "
                                + "object_story_id is given. get_account_pages lists usable Pages.")
                        .string("image_hash", "Hash of an uploaded image (upload_ad_image). Not together with "
                                + "image_hashes or images.")
                        .stringArray("image_hashes", "Several image hashes (up to 10) for Meta to choose from; "
                                + "makes an asset_feed_spec creative.")
                        .objectArray("images", "Labelled images (up to 10) for placement rules: [{\"image_hash\","
                                + "\"label\"}]; makes an asset_feed_spec creative. Not with image_hash(es).")
                        .stringOrInteger("video_id", "Id of an uploaded video; needs image_hash or thumbnail_url as "
                                + "its thumbnail.")
                        .string("thumbnail_url", "Public image URL Meta shows as video_id's thumbnail (instead of "
                                + "image_hash).")
                        .objectArray("videos", "Labelled videos for placement rules: [{\"video_id\","
                                + "\"thumbnail_url\",\"label\"}]; makes an asset_feed_spec creative.")
                        .string("link_url", "Destination URL (http or https); required unless object_story_id, "
                                + "lead_gen_form_id or phone_number is given.")
                        .string("message", "Primary text above the image.")
                        .textOrObjectArray("messages", "Up to 5 primary text variants (asset_feed_spec): texts, or "
                                + "{\"text\",\"adlabels\":[{\"name\"}]} for placement rules.")
                        .string("headline", "Headline under the image.")
                        .textOrObjectArray("headlines", "Up to 5 headline variants, texts or {\"text\",\"adlabels\"}.")
                        .string("description", "Link description under the headline.")
                        .textOrObjectArray("descriptions", "Up to 5 description variants, texts or "
                                + "{\"text\",\"adlabels\"}.")
                        .string("caption", "Display link shown in the ad, e.g. 'example.com/shoes' (single-image "
                                + "ads).")
                        .string("call_to_action_type", "Button type, e.g. " + COMMON_CALLS_TO_ACTION + ".")
                        .stringOrInteger("lead_gen_form_id", "Instant form id for lead ads (goes into the call to "
                                + "action).")
                        .string("phone_number", "Number for a CALL_NOW click-to-call button, international format "
                                + "(+18005551234).")
                        .stringOrInteger("event_id", "Facebook event id for event ads (single-image ads; also in "
                                + "the button for EVENT_RSVP and BUY_TICKETS).")
                        .objectProperty("reminder_data", "Reminder ad event: {\"event_name\",\"start_time\","
                                + "\"end_time\"} (Unix seconds), single-image ads.")
                        .string("object_story_id", "Use an existing Page post as the ad: '<page_id>_<post_id>'.")
                        .string("instagram_user_id", "Instagram account to run the ad as on Instagram (digits).")
                        .string("instagram_actor_id", "Older name of instagram_user_id, accepted for compatibility.")
                        .string("url_tags", "Query string appended to the link, without '?', e.g. "
                                + "'utm_source=facebook&utm_medium=paid'.")
                        .objectProperty("image_crops", "How to crop the image per aspect ratio, e.g. the "
                                + "image_crops of compute_image_crops: {\"100x100\":[[x1,y1],[x2,y2]],…}.")
                        .string("optimization_type", "DEGREES_OF_FREEDOM lets Meta optimize across the variants "
                                + "(Advantage+ creative); PLACEMENT serves labelled assets per placement (with "
                                + "asset_customization_rules). Makes an asset_feed_spec creative.")
                        .oneOf(OPTIMIZATION_TYPES)
                        .stringArray("ad_formats", "Formats of an asset_feed_spec creative, e.g. "
                                + "['SINGLE_IMAGE'] (default) or ['AUTOMATIC_FORMAT'] (default with "
                                + "DEGREES_OF_FREEDOM).")
                        .objectArray("asset_customization_rules", "Which labelled asset shows where, in Meta's "
                                + "shape: [{\"customization_spec\":{\"publisher_platforms\":[\"instagram\"],"
                                + "\"instagram_positions\":[\"story\"]},\"image_label\":{\"name\":\"story\"}}].")
                        .objectProperty("dynamic_creative_spec", "Dynamic creative settings, sent to Meta as given.")
                        .objectProperty("creative_features_spec", "Advantage+ creative enhancements to opt in or "
                                + "out of, e.g. {\"image_touchups\":{\"enroll_status\":\"OPT_OUT\"}}.")
                        .bool("disable_all_enhancements", "true opts out of every Advantage+ creative enhancement "
                                + "Meta could apply on its own.")
                        .objectProperty("facebook_branded_content", "Partnership ad on Facebook: "
                                + "{\"sponsor_page_id\":\"<brand's Page id>\"}.")
                        .objectProperty("instagram_branded_content", "Partnership ad on Instagram: "
                                + "{\"sponsor_id\":\"<brand's Instagram account id>\"}.")))
                .handler(CreativeTools::createCreative)
                .build();
    }

    private static CallToolResult createCreative(ToolCall call) {
        Args args = call.args();
        String accountId = args.accountId("account_id");
        Optional<String> name = Common.name(args, "creative", false, Common.MAX_NAME_LENGTH);
        CreativeContent content = CreativeContent.of(args);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("name", name.orElse("Creative " + Instant.now().toString().substring(0, 19) + "Z"));
        content.putInto(params);
        args.string("url_tags").map(CreativeTools::checkedUrlTags).ifPresent(tags -> params.put("url_tags", tags));
        enhancements(args).ifPresent(spec -> params.put("degrees_of_freedom_spec", Json.write(spec)));
        for (String field : List.of("dynamic_creative_spec", "facebook_branded_content",
                "instagram_branded_content")) {
            args.json(field).ifPresent(value -> {
                if (!value.isObject() || value.isEmpty()) {
                    throw Args.invalid(field, "must be a non-empty JSON object");
                }
                params.put(field, Json.write(value));
            });
        }
        boolean validateOnly = Common.applyValidateOnly(args, params);
        if (!validateOnly) {
            params.put("fields", CREATIVE_FIELDS); // read-after-write: the answer is the new creative
        }
        JsonNode answer = call.graph().post(accountId + "/adcreatives", params);
        ObjectNode result = Json.object();
        result.put("success", true);
        result.put("account_id", accountId);
        result.put("shape", content.shape());
        if (validateOnly) {
            return ToolResults.success(Common.dryRun(result, "Dry run: Meta accepted the creative; nothing was "
                    + "created."));
        }
        String id = Json.text(answer, "id");
        result.put("creative_id", id);
        result.set("details", withViewingUrls(answer));
        result.put("note", "Next: create_ad with creative_id " + id + " and an ad set id.");
        return ToolResults.success(result);
    }

    /**
     * creative_features_spec and disable_all_enhancements as Meta's degrees_of_freedom_spec; an explicit OPT_IN
     * next to disable_all_enhancements is a contradiction.
     */
    private static Optional<ObjectNode> enhancements(Args args) {
        Optional<JsonNode> features = args.json("creative_features_spec");
        boolean disableAll = args.bool("disable_all_enhancements", false);
        if (features.isEmpty() && !disableAll) {
            return Optional.empty();
        }
        ObjectNode spec = Json.object();
        ObjectNode merged = spec.putObject("creative_features_spec");
        if (disableAll) {
            ENHANCEMENTS.forEach(key -> merged.putObject(key).put("enroll_status", "OPT_OUT"));
        }
        features.ifPresent(given -> {
            if (!given.isObject()) {
                throw Args.invalid("creative_features_spec", "must be an object like "
                        + "{\"image_touchups\":{\"enroll_status\":\"OPT_OUT\"}}");
            }
            given.properties().forEach(entry -> {
                String status = Json.text(entry.getValue(), "enroll_status");
                if (!"OPT_IN".equals(status) && !"OPT_OUT".equals(status)) {
                    throw Args.invalid("creative_features_spec", "needs {\"enroll_status\":\"OPT_IN\"|\"OPT_OUT\"} "
                            + "for '" + Args.shorten(entry.getKey(), 40) + "'");
                }
                if (disableAll && status.equals("OPT_IN")) {
                    throw ToolException.invalid("disable_all_enhancements=true contradicts " + entry.getKey()
                            + " OPT_IN in creative_features_spec; drop one of them.");
                }
                merged.set(entry.getKey(), entry.getValue());
            });
        });
        return Optional.of(spec);
    }

    private static String checkedUrlTags(String tags) {
        if (tags.startsWith("?") || tags.startsWith("&")) {
            throw Args.invalid("url_tags", "is a query string without a leading '?' or '&', e.g. "
                    + "utm_source=facebook&utm_campaign={{campaign.name}}");
        }
        if (tags.chars().anyMatch(c -> c <= 0x20) || !tags.contains("=")) {
            throw Args.invalid("url_tags", "must be key=value pairs joined by '&' without spaces, e.g. "
                    + "utm_source=facebook&utm_medium=paid");
        }
        return tags;
    }

    /** What a creative shows, checked as a whole, and how it becomes Graph parameters. */
    private record CreativeContent(String shape, Map<String, String> params) {

        static CreativeContent of(Args args) {
            Optional<String> storyId = args.string("object_story_id");
            Optional<String> pageId = args.optionalObjectId("page_id", "Facebook Page");
            Optional<String> imageHash = args.string("image_hash").map(h -> imageHash(h, "image_hash"));
            List<String> imageHashes = args.stringList("image_hashes").orElse(List.of()).stream()
                    .map(h -> imageHash(h, "image_hashes")).toList();
            List<ObjectNode> images = feedImages(args);
            Optional<String> videoId = args.optionalObjectId("video_id", "video");
            List<ObjectNode> videos = feedVideos(args);
            Optional<String> thumbnailUrl = args.string("thumbnail_url").map(url -> checkedUrl("thumbnail_url", url));
            Optional<String> link = args.string("link_url");
            Optional<String> leadForm = args.optionalObjectId("lead_gen_form_id", "lead form");
            Optional<String> eventId = args.optionalObjectId("event_id", "Facebook event");
            Optional<String> phone = args.string("phone_number").map(CreativeContent::checkedPhone);
            Optional<String> caption = args.string("caption");
            Optional<JsonNode> reminder = args.json("reminder_data").map(CreativeContent::checkedReminder);
            Text message = Text.of(args, "message", "messages");
            Text headline = Text.of(args, "headline", "headlines");
            Text description = Text.of(args, "description", "descriptions");
            Optional<String> cta = args.string("call_to_action_type").map(CreativeContent::callToAction);
            if (phone.isPresent() && cta.filter(type -> !type.equals("CALL_NOW")).isPresent()) {
                throw Args.invalid("phone_number", "goes with call_to_action_type CALL_NOW (a click-to-call "
                        + "button); got " + cta.get());
            }
            if (phone.isPresent()) {
                cta = Optional.of("CALL_NOW");
            }
            Optional<String> optimization = args.enumValue("optimization_type", OPTIMIZATION_TYPES);
            List<String> adFormats = args.stringList("ad_formats").orElse(List.of()).stream()
                    .map(f -> f.toUpperCase(Locale.ROOT)).toList();
            adFormats.forEach(format -> {
                if (!AD_FORMAT.matcher(format).matches()) {
                    throw Args.invalid("ad_formats", "must hold format names such as SINGLE_IMAGE or "
                            + "AUTOMATIC_FORMAT; got '" + format + "'");
                }
            });
            Optional<JsonNode> rules = args.json("asset_customization_rules")
                    .map(CreativeContent::checkedCustomizationRules);
            Optional<String> instagram = instagramUser(args);
            Optional<JsonNode> crops = args.json("image_crops").map(CreativeTools::checkedCrops);

            if (storyId.isPresent()) {
                Matcher story = STORY_ID.matcher(storyId.get());
                if (!story.matches()) {
                    throw Args.invalid("object_story_id", "must be '<page_id>_<post_id>', e.g. "
                            + "'200000000000001_123456789'");
                }
                List<String> extra = STORY_CONTENT.stream().filter(other -> switch (other) {
                    case "image_hashes" -> !imageHashes.isEmpty();
                    case "messages" -> message.many();
                    case "headlines" -> headline.many();
                    case "descriptions" -> description.many();
                    case "ad_formats" -> !adFormats.isEmpty();
                    case "images" -> !images.isEmpty();
                    case "videos" -> !videos.isEmpty();
                    default -> args.has(other);
                }).toList();
                if (!extra.isEmpty()) {
                    throw ToolException.invalid("object_story_id uses an existing post as it is, so "
                            + String.join(", ", extra) + " cannot be set; drop them, or leave out object_story_id "
                            + "and build a new creative from page_id, link_url and image_hash.");
                }
                Map<String, String> params = new LinkedHashMap<>();
                params.put("object_story_id", storyId.get());
                return new CreativeContent("object_story_id", params);
            }

            String page = pageId.orElseThrow(() -> ToolException.invalid("Missing required argument 'page_id': a "
                    + "creative runs as a Facebook Page (get_account_pages lists the Pages this account can use), "
                    + "or pass object_story_id to use an existing post."));
            int imageArguments = (imageHash.isPresent() ? 1 : 0) + (imageHashes.isEmpty() ? 0 : 1)
                    + (images.isEmpty() ? 0 : 1);
            if (imageArguments > 1) {
                throw ToolException.invalid("Pass image_hash for one image, image_hashes for several or images for "
                        + "labelled ones: one of them, not both.");
            }
            if (videoId.isPresent() && !videos.isEmpty()) {
                throw ToolException.invalid("Pass video_id for one video or videos for labelled videos, not both.");
            }
            if (imageHashes.size() > MAX_IMAGE_VARIANTS || images.size() > MAX_IMAGE_VARIANTS) {
                throw Args.invalid(imageHashes.isEmpty() ? "images" : "image_hashes", "may hold at most "
                        + MAX_IMAGE_VARIANTS + " images");
            }
            if (imageArguments == 0 && videoId.isEmpty() && videos.isEmpty()) {
                throw ToolException.invalid("Missing image: pass image_hash (upload_ad_image returns it), "
                        + "image_hashes or images for several, or video_id with a thumbnail (image_hash or "
                        + "thumbnail_url).");
            }
            if (videoId.isPresent() && imageHash.isEmpty() && imageHashes.isEmpty() && thumbnailUrl.isEmpty()) {
                throw Args.invalid("image_hash", "or thumbnail_url is needed with video_id: Meta shows it as the "
                        + "video's thumbnail (upload a still with upload_ad_image)");
            }
            if (thumbnailUrl.isPresent() && videoId.isEmpty()) {
                throw Args.invalid("thumbnail_url", "is the thumbnail of video_id; for labelled videos put "
                        + "thumbnail_url into each entry of videos");
            }
            if (link.isEmpty() && leadForm.isEmpty() && phone.isEmpty()) {
                throw ToolException.invalid("Missing required argument 'link_url': the destination people reach "
                        + "from the ad, e.g. https://example.com/product (or lead_gen_form_id for a lead form, or "
                        + "phone_number for a click-to-call ad).");
            }
            link.ifPresent(CreativeContent::checkLink);
            boolean feed = !imageHashes.isEmpty() || !images.isEmpty() || !videos.isEmpty() || message.many()
                    || headline.many() || description.many() || optimization.isPresent() || rules.isPresent();
            if (crops.isPresent() && (feed || videoId.isPresent())) {
                throw Args.invalid("image_crops", "applies to a single image (image_hash) creative only");
            }
            if (feed || videoId.isPresent()) {
                List<String> linkOnly = new ArrayList<>();
                caption.ifPresent(v -> linkOnly.add("caption"));
                eventId.ifPresent(v -> linkOnly.add("event_id"));
                reminder.ifPresent(v -> linkOnly.add("reminder_data"));
                if (feed) {
                    phone.ifPresent(v -> linkOnly.add("phone_number"));
                }
                if (!linkOnly.isEmpty()) {
                    throw ToolException.invalid(String.join(", ", linkOnly) + " belong" + (linkOnly.size() == 1
                            ? "s" : "") + " to a single-image link ad (object_story_spec.link_data); this creative is "
                            + (feed ? "built from variants (asset_feed_spec)" : "a video ad")
                            + ". Drop " + (linkOnly.size() == 1 ? "it" : "them") + " or make a single-image ad.");
                }
            }
            ObjectNode spec = Json.object();
            spec.put("page_id", page);
            instagram.ifPresent(id -> spec.put("instagram_user_id", id));
            Map<String, String> params = new LinkedHashMap<>();
            String linkUrl = link.orElse(null);
            if (feed) {
                ObjectNode assets = Json.object();
                // With a video, a lone image_hash is its thumbnail, not an image variant.
                List<String> imageVariants = !imageHashes.isEmpty() ? imageHashes
                        : videoId.isPresent() ? List.of() : imageHash.stream().toList();
                if (!imageVariants.isEmpty()) {
                    ArrayNode array = assets.putArray("images");
                    imageVariants.forEach(hash -> array.addObject().put("hash", hash));
                } else if (!images.isEmpty()) {
                    assets.putArray("images").addAll(images);
                }
                videoId.ifPresent(id -> {
                    ObjectNode video = assets.putArray("videos").addObject().put("video_id", id);
                    String thumbnail = imageHash.orElse(imageHashes.isEmpty() ? null : imageHashes.get(0));
                    if (thumbnail != null) {
                        video.put("thumbnail_hash", thumbnail);
                    }
                    thumbnailUrl.ifPresent(url -> video.put("thumbnail_url", url));
                });
                if (!videos.isEmpty()) {
                    assets.putArray("videos").addAll(videos);
                }
                message.putInto(assets, "bodies");
                headline.putInto(assets, "titles");
                description.putInto(assets, "descriptions");
                if (linkUrl != null) {
                    assets.putArray("link_urls").addObject().put("website_url", linkUrl);
                }
                cta.ifPresent(type -> assets.set("call_to_action_types", Common.strings(List.of(type))));
                boolean video = (videoId.isPresent() || !videos.isEmpty()) && imageVariants.isEmpty()
                        && images.isEmpty();
                List<String> formats = !adFormats.isEmpty() ? adFormats
                        : "DEGREES_OF_FREEDOM".equals(optimization.orElse(null)) ? List.of("AUTOMATIC_FORMAT")
                        : List.of(video ? "SINGLE_VIDEO" : "SINGLE_IMAGE");
                assets.set("ad_formats", Common.strings(formats));
                optimization.ifPresent(type -> assets.put("optimization_type", type));
                rules.ifPresent(value -> assets.set("asset_customization_rules", value));
                // Meta still wants the Page and a link in object_story_spec next to the asset feed.
                if (linkUrl != null) {
                    spec.putObject("link_data").put("link", linkUrl);
                }
                params.put("asset_feed_spec", Json.write(assets));
                params.put("object_story_spec", Json.write(spec));
                return new CreativeContent("asset_feed_spec", params);
            }
            if (videoId.isPresent()) {
                ObjectNode video = spec.putObject("video_data");
                video.put("video_id", videoId.get());
                imageHash.ifPresentOrElse(hash -> video.put("image_hash", hash),
                        () -> video.put("image_url", thumbnailUrl.orElseThrow()));
                message.one().ifPresent(text -> video.put("message", text));
                headline.one().ifPresent(text -> video.put("title", text));
                description.one().ifPresent(text -> video.put("link_description", text));
                callToAction(cta.orElse(linkUrl != null ? "LEARN_MORE" : null), linkUrl, leadForm, phone,
                        Optional.empty()).ifPresent(action -> video.set("call_to_action", action));
                params.put("object_story_spec", Json.write(spec));
                return new CreativeContent("video_data", params);
            }
            ObjectNode linkData = spec.putObject("link_data");
            linkData.put("link", linkUrl == null ? "http://fb.me/" : linkUrl);
            linkData.put("image_hash", imageHash.orElseThrow());
            message.one().ifPresent(text -> linkData.put("message", text));
            headline.one().ifPresent(text -> linkData.put("name", text));
            description.one().ifPresent(text -> linkData.put("description", text));
            caption.ifPresent(text -> linkData.put("caption", text));
            eventId.ifPresent(id -> linkData.put("event_id", id));
            reminder.ifPresent(value -> linkData.set("reminder_data", value));
            Optional<String> eventInAction = cta.filter(type -> type.equals("EVENT_RSVP") || type.equals("BUY_TICKETS"))
                    .flatMap(type -> eventId);
            callToAction(cta.orElse(null), null, leadForm, phone, eventInAction)
                    .ifPresent(action -> linkData.set("call_to_action", action));
            crops.ifPresent(value -> linkData.set("image_crops", value));
            params.put("object_story_spec", Json.write(spec));
            return new CreativeContent("link_data", params);
        }

        void putInto(Map<String, String> target) {
            target.putAll(params);
        }

        private static Optional<ObjectNode> callToAction(String type, String link, Optional<String> leadForm,
                                                         Optional<String> phone, Optional<String> eventId) {
            if (type == null && leadForm.isEmpty()) {
                return Optional.empty();
            }
            ObjectNode action = Json.object();
            action.put("type", type == null ? "SIGN_UP" : type);
            if (link != null || leadForm.isPresent() || phone.isPresent() || eventId.isPresent()) {
                ObjectNode value = action.putObject("value");
                if (phone.isPresent()) {
                    // Meta takes a click-to-call number as a tel: link.
                    value.put("link", "tel:" + phone.get());
                } else if (link != null) {
                    value.put("link", link);
                }
                leadForm.ifPresent(id -> value.put("lead_gen_form_id", id));
                eventId.ifPresent(id -> value.put("event_id", id));
            }
            return Optional.of(action);
        }

        /** {@code images}: [{image_hash (or hash), label?}] → asset_feed_spec images with adlabels. */
        private static List<ObjectNode> feedImages(Args args) {
            List<ObjectNode> images = new ArrayList<>();
            for (JsonNode entry : objectList(args, "images")) {
                String hash = Optional.ofNullable(Json.text(entry, "image_hash")).orElse(Json.text(entry, "hash"));
                if (hash == null) {
                    throw Args.invalid("images", "needs image_hash in every entry, e.g. [{\"image_hash\":\"<32 hex>\","
                            + "\"label\":\"feed\"}]");
                }
                ObjectNode image = Json.object().put("hash", imageHash(hash, "images"));
                labels(entry, "images").ifPresent(value -> image.set("adlabels", value));
                images.add(image);
            }
            return images;
        }

        /** {@code videos}: [{video_id, thumbnail_url? or thumbnail_hash?, label?}] → asset_feed_spec videos. */
        private static List<ObjectNode> feedVideos(Args args) {
            List<ObjectNode> videos = new ArrayList<>();
            for (JsonNode entry : objectList(args, "videos")) {
                String id = Json.text(entry, "video_id");
                if (id == null || !id.matches("[0-9]{1,30}")) {
                    throw Args.invalid("videos", "needs a numeric video_id in every entry, e.g. "
                            + "[{\"video_id\":\"123\",\"thumbnail_url\":\"https://…\",\"label\":\"story\"}]");
                }
                ObjectNode video = Json.object().put("video_id", id);
                Optional.ofNullable(Json.text(entry, "thumbnail_url"))
                        .ifPresent(url -> video.put("thumbnail_url", checkedUrl("videos", url)));
                Optional.ofNullable(Json.text(entry, "thumbnail_hash"))
                        .ifPresent(hash -> video.put("thumbnail_hash", imageHash(hash, "videos")));
                labels(entry, "videos").ifPresent(value -> video.set("adlabels", value));
                videos.add(video);
            }
            return videos;
        }

        private static List<JsonNode> objectList(Args args, String name) {
            Optional<JsonNode> value = args.json(name);
            if (value.isEmpty()) {
                return List.of();
            }
            List<JsonNode> entries = new ArrayList<>();
            if (!value.get().isArray()) {
                throw Args.invalid(name, "must be a list of objects");
            }
            for (JsonNode entry : value.get()) {
                if (!entry.isObject()) {
                    throw Args.invalid(name, "must be a list of objects");
                }
                entries.add(entry);
            }
            return entries;
        }

        /** An entry's {@code label} as Meta's adlabels, or its own {@code adlabels}. */
        private static Optional<JsonNode> labels(JsonNode entry, String name) {
            String label = Json.text(entry, "label");
            JsonNode adlabels = entry.get("adlabels");
            if (label != null && adlabels != null) {
                throw Args.invalid(name, "entries take label or adlabels, not both");
            }
            if (label != null) {
                ArrayNode array = Json.array();
                array.addObject().put("name", label);
                return Optional.of(array);
            }
            if (adlabels != null && !adlabels.isArray()) {
                throw Args.invalid(name, "adlabels must be a list like [{\"name\":\"story\"}]");
            }
            return Optional.ofNullable(adlabels);
        }

        /** Meta's shape only: each rule a {customization_spec, …_label…} object. */
        private static JsonNode checkedCustomizationRules(JsonNode value) {
            if (!value.isArray() || value.isEmpty()) {
                throw Args.invalid("asset_customization_rules", "must be a non-empty list of rules");
            }
            for (JsonNode rule : value) {
                if (!rule.isObject() || !rule.path("customization_spec").isObject()) {
                    throw Args.invalid("asset_customization_rules", "needs a customization_spec object in every "
                            + "rule, e.g. {\"customization_spec\":{\"publisher_platforms\":[\"instagram\"],"
                            + "\"instagram_positions\":[\"story\"]},\"image_label\":{\"name\":\"story\"}}");
                }
                if (rule.has("placement_groups")) {
                    throw Args.invalid("asset_customization_rules", "takes Meta's own rule shape: name the "
                            + "placements in customization_spec (publisher_platforms, facebook_positions, "
                            + "instagram_positions …) and the asset by label (image_label, video_label, body_label, "
                            + "title_label); placement_groups is not understood");
                }
            }
            return value;
        }

        private static String checkedPhone(String raw) {
            String phone = raw.replaceAll("[\\s()-]", "");
            if (!phone.matches("\\+?[0-9]{6,15}")) {
                throw Args.invalid("phone_number", "must be a phone number in international format, e.g. "
                        + "+18005551234");
            }
            return phone.startsWith("+") ? phone : "+" + phone;
        }

        private static JsonNode checkedReminder(JsonNode value) {
            if (!value.isObject() || Json.text(value, "event_name") == null
                    || !value.path("start_time").isValueNode()) {
                throw Args.invalid("reminder_data", "must be an object like {\"event_name\":\"Summer sale\","
                        + "\"start_time\":1767225600,\"end_time\":1767232800} (Unix seconds)");
            }
            return value;
        }

        private static String callToAction(String raw) {
            String type = raw.toUpperCase(Locale.ROOT).replace(' ', '_');
            if (!CALL_TO_ACTION_TYPES.contains(type)) {
                throw Args.invalid("call_to_action_type", "must be one of Meta's button types, e.g. "
                        + COMMON_CALLS_TO_ACTION + "; got '" + Args.shorten(type, 40) + "'");
            }
            return type;
        }

        private static void checkLink(String link) {
            URI uri;
            try {
                uri = new URI(link);
            } catch (URISyntaxException e) {
                throw Args.invalid("link_url", "is not a valid URL; percent-encode spaces and special characters");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw Args.invalid("link_url", "must be an absolute http:// or https:// URL such as "
                        + "https://example.com/product");
            }
        }

        private static Optional<String> instagramUser(Args args) {
            Optional<String> user = args.optionalObjectId("instagram_user_id", "Instagram account");
            Optional<String> actor = args.optionalObjectId("instagram_actor_id", "Instagram account");
            if (user.isPresent() && actor.isPresent() && !user.get().equals(actor.get())) {
                throw ToolException.invalid("instagram_actor_id is the older name of instagram_user_id; pass one "
                        + "of them.");
            }
            return user.or(() -> actor);
        }
    }

    /**
     * One text or up to five variants of it (message/messages, headline/headlines, …). A variant is a text or an
     * object such as {@code {"text","adlabels"}} (labels let asset_customization_rules pick it), kept as given.
     */
    private record Text(List<JsonNode> values, boolean many) {

        static Text of(Args args, String single, String plural) {
            Optional<String> one = args.string(single);
            // Commas belong to the copy, not between variants.
            List<JsonNode> several = args.textOrObjectList(plural).orElse(List.of());
            if (one.isPresent() && !several.isEmpty()) {
                throw ToolException.invalid("Pass " + single + " for one text or " + plural + " for variants, not "
                        + "both.");
            }
            if (several.size() > MAX_TEXT_VARIANTS) {
                throw Args.invalid(plural, "may hold at most " + MAX_TEXT_VARIANTS + " variants");
            }
            return one.map(text -> new Text(List.of(Json.tree(text)), false)).orElseGet(() -> new Text(several,
                    !several.isEmpty()));
        }

        Optional<String> one() {
            return values.isEmpty() ? Optional.empty() : Optional.of(textOf(values.get(0)));
        }

        void putInto(ObjectNode assets, String field) {
            if (!values.isEmpty()) {
                ArrayNode array = assets.putArray(field);
                values.forEach(value -> {
                    if (value.isObject()) {
                        array.add(value);
                    } else {
                        array.addObject().put("text", value.asString());
                    }
                });
            }
        }

        private static String textOf(JsonNode value) {
            return value.isObject() ? value.path("text").asString() : value.asString();
        }
    }

    /** An absolute http(s) URL (a thumbnail, a destination). */
    static String checkedUrl(String argument, String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw Args.invalid(argument, "is not a valid URL; percent-encode spaces and special characters");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw Args.invalid(argument, "must be an absolute http:// or https:// URL");
        }
        return url.strip();
    }

    private static String imageHash(String raw, String argument) {
        String hash = raw.strip();
        if (!IMAGE_HASH.matcher(hash).matches()) {
            throw Args.invalid(argument, "must be an image hash of 32 hexadecimal characters (upload_ad_image "
                    + "returns it); got '" + Args.shorten(hash, 40) + "'");
        }
        return hash;
    }

    private static JsonNode checkedCrops(JsonNode crops) {
        if (!crops.isObject() || crops.isEmpty()) {
            throw Args.invalid("image_crops", "must be an object like {\"100x100\":[[0,0],[1080,1080]]} "
                    + "(compute_image_crops makes one)");
        }
        crops.properties().forEach(entry -> {
            if (!CROP_KEYS.containsKey(entry.getKey())) {
                throw Args.invalid("image_crops", "has the unknown crop key '" + entry.getKey() + "'; Meta's keys "
                        + "are " + String.join(", ", CROP_KEYS.keySet()));
            }
            JsonNode box = entry.getValue();
            boolean valid = box.isArray() && box.size() == 2;
            for (int i = 0; valid && i < 2; i++) {
                JsonNode corner = box.get(i);
                valid = corner.isArray() && corner.size() == 2 && corner.get(0).canConvertToInt()
                        && corner.get(1).canConvertToInt() && corner.get(0).asInt() >= 0
                        && corner.get(1).asInt() >= 0;
            }
            if (!valid || box.get(1).get(0).asInt() <= box.get(0).get(0).asInt()
                    || box.get(1).get(1).asInt() <= box.get(0).get(1).asInt()) {
                throw Args.invalid("image_crops", "needs [[x1,y1],[x2,y2]] with whole non-negative pixels and "
                        + "x2 > x1, y2 > y1 for '" + entry.getKey() + "'");
            }
        });
        return crops;
    }

    // ---------------------------------------------------------------- update_ad_creative

    public static ToolDefinition updateAdCreative() {
        return ToolDefinition.builder("update_ad_creative", Toolset.CREATIVES)
                .title("Rename or delete a creative")
                .hints(Hints.UPDATE)
                .scopes("ads_management")
                .description("""
                        Change an existing ad creative — but Meta allows very little: only its name and its \
                        status (ACTIVE, or DELETED to remove an unused creative for good). A creative's content \
                        (text, headline, image, link, call to action, url_tags) cannot be edited once created. \
                        To change what an ad shows or its url_tags, create a new creative with \
                        create_ad_creative and point the ad at it with update_ad(ad_id, creative_id); this tool \
                        refuses content changes with that recipe instead of sending them to Meta.
                        Use validate_only=true for a dry run. Returns {"success":true,"creative_id",\
                        "updated_fields":[…]}.""")
                .input(Common.validateOnly(Schema.object()
                        .string("creative_id", "Creative id (digits).").required()
                        .string("name", "New name.")
                        .string("status", "ACTIVE, or DELETED to delete a creative no ad uses.")
                        .oneOf("ACTIVE", "DELETED")
                        .string("url_tags", NOT_CHANGEABLE)
                        .string("message", NOT_CHANGEABLE)
                        .textOrObjectArray("messages", NOT_CHANGEABLE)
                        .string("headline", NOT_CHANGEABLE)
                        .textOrObjectArray("headlines", NOT_CHANGEABLE)
                        .string("description", NOT_CHANGEABLE)
                        .textOrObjectArray("descriptions", NOT_CHANGEABLE)
                        .string("call_to_action_type", NOT_CHANGEABLE)
                        .stringOrInteger("lead_gen_form_id", NOT_CHANGEABLE)
                        .string("optimization_type", NOT_CHANGEABLE)
                        .stringArray("ad_formats", NOT_CHANGEABLE)
                        .objectProperty("dynamic_creative_spec", NOT_CHANGEABLE)
                        .objectProperty("creative_features_spec", NOT_CHANGEABLE)))
                .handler(CreativeTools::updateCreative)
                .build();
    }

    /** What update_ad_creative says about the content arguments it accepts only to refuse them with a recipe. */
    static final String NOT_CHANGEABLE = "Refused: content Meta cannot change (see the description).";

    private static CallToolResult updateCreative(ToolCall call) {
        Args args = call.args();
        String creativeId = args.objectId("creative_id", "creative");
        List<String> content = CONTENT_FIELDS.stream().filter(args::has).toList();
        if (!content.isEmpty()) {
            throw ToolException.invalid("Meta does not allow changing " + String.join(", ", content) + " of an "
                    + "existing creative (only name and status). To change them: create_ad_creative with the new "
                    + "values (get_creative_details " + creativeId + " shows the current page, image and link), then "
                    + "update_ad(ad_id, creative_id=<new id>) for each ad that should use it.");
        }
        Map<String, String> params = new LinkedHashMap<>();
        Common.name(args, "creative", false, Common.MAX_NAME_LENGTH).ifPresent(name -> params.put("name", name));
        args.enumValue("status", List.of("ACTIVE", "DELETED")).ifPresent(status -> params.put("status", status));
        if (params.isEmpty()) {
            throw ToolException.invalid("Nothing to update: pass name and/or status (ACTIVE or DELETED), the only "
                    + "fields Meta lets you change on a creative.");
        }
        List<String> updated = new ArrayList<>(params.keySet());
        boolean validateOnly = Common.applyValidateOnly(args, params);
        JsonNode answer = call.graph().post(creativeId, params);
        return ToolResults.success(Common.updateResult(answer, "creative_id", creativeId, updated, validateOnly));
    }

    // ---------------------------------------------------------------- compute_image_crops

    public static ToolDefinition computeImageCrops() {
        return ToolDefinition.builder("compute_image_crops", Toolset.CREATIVES)
                .title("Compute image crops")
                .hints(Hints.LOCAL)
                .description("""
                        Compute Meta's image_crops for an image of the given size: for each crop key (an aspect \
                        ratio), the largest centred box with that ratio, as [[x1,y1],[x2,y2]] in pixels (top-left \
                        and bottom-right corners). Pure calculation: no Meta call, no token needed. Pass the \
                        result's image_crops to create_ad_creative.
                        Keys: 100x100 (1:1 feed), 191x100 (1.91:1 link ads), 400x150 (banner), 600x360 (right \
                        column), 90x160 (9:16 stories and reels), 400x500 (4:5 feed), 100x72 (marketplace). \
                        Default: all but 100x72.
                        Returns {"image_width","image_height","image_crops":{"100x100":[[x1,y1],[x2,y2]],…}}.""")
                .input(Schema.object()
                        .integer("image_width", "Width of the image in pixels, e.g. 1080.").min(1).max(100_000)
                        .required()
                        .integer("image_height", "Height of the image in pixels, e.g. 1350.").min(1).max(100_000)
                        .required()
                        .stringArray("crop_keys", "Which crop keys to compute. Default: 100x100, 191x100, "
                                + "400x150, 600x360, 90x160, 400x500.").oneOf(List.copyOf(CROP_KEYS.keySet())))
                .handler(call -> {
                    Args args = call.args();
                    int width = requiredSize(args, "image_width");
                    int height = requiredSize(args, "image_height");
                    List<String> keys = cropKeys(args);
                    ObjectNode crops = Json.object();
                    for (String key : new LinkedHashSet<>(keys)) {
                        int[] ratio = CROP_KEYS.get(key);
                        crops.set(key, Json.tree(centredCrop(width, height, ratio[0], ratio[1])));
                    }
                    ObjectNode result = Json.object();
                    result.put("image_width", width);
                    result.put("image_height", height);
                    result.set("image_crops", crops);
                    return ToolResults.success(result);
                })
                .build();
    }

    private static List<String> cropKeys(Args args) {
        List<String> keys = args.enumList("crop_keys", CROP_KEYS.keySet(), Args.Case.LOWER).orElse(List.of());
        return keys.isEmpty() ? DEFAULT_CROP_KEYS : keys;
    }

    private static int requiredSize(Args args, String name) {
        if (!args.has(name)) {
            throw ToolException.invalid("Missing required argument '" + name + "': pass the image's size in "
                    + "pixels (upload_ad_image and get_image_by_hash report width and height).");
        }
        return args.integer(name, 0, 1, 100_000);
    }

    /**
     * The largest box of aspect ratio {@code ratioW:ratioH} centred in a {@code width x height} image, as
     * {@code [[x1,y1],[x2,y2]]}. Integer arithmetic, so equal inputs always give equal boxes.
     */
    private static List<List<Integer>> centredCrop(int width, int height, int ratioW, int ratioH) {
        long cropW;
        long cropH;
        if ((long) width * ratioH >= (long) height * ratioW) {
            // The image is wider than the ratio: full height, width trimmed (rounded to the nearest pixel).
            cropH = height;
            cropW = Math.min(width, ((long) height * ratioW * 2 + ratioH) / (2L * ratioH));
        } else {
            cropW = width;
            cropH = Math.min(height, ((long) width * ratioH * 2 + ratioW) / (2L * ratioW));
        }
        int x1 = (int) ((width - cropW) / 2);
        int y1 = (int) ((height - cropH) / 2);
        return List.of(List.of(x1, y1), List.of(x1 + (int) cropW, y1 + (int) cropH));
    }

    private static Map<String, int[]> orderedCrops() {
        Map<String, int[]> crops = new LinkedHashMap<>();
        crops.put("100x100", new int[] {100, 100});
        crops.put("191x100", new int[] {191, 100});
        crops.put("400x150", new int[] {400, 150});
        crops.put("600x360", new int[] {600, 360});
        crops.put("90x160", new int[] {90, 160});
        crops.put("400x500", new int[] {400, 500});
        crops.put("100x72", new int[] {100, 72});
        return Collections.unmodifiableMap(crops);
    }
}
