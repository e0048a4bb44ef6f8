package dev.adsbridge.mcp.tools;

import dev.adsbridge.mcp.inventory.Args;
import dev.adsbridge.mcp.inventory.Hints;
import dev.adsbridge.mcp.inventory.Schema;
import dev.adsbridge.mcp.inventory.ToolCall;
import dev.adsbridge.mcp.inventory.ToolDefinition;
import dev.adsbridge.mcp.inventory.ToolResults;
import dev.adsbridge.mcp.inventory.Toolset;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code get_objects}: several ad objects by id in one Graph call ({@code GET /?ids=a,b&fields=…}), with Graph field
 * expansion, so a backend reads an object, its account and its children (ad set → ads → creatives) at once, and
 * optionally learns each object's type ({@code metadata=1}) without trying campaign, then ad set, then ad.
 */
public final class ObjectTools {

    /** Most ids in one call (Meta's limit for {@code ids=} is 50). */
    static final int MAX_IDS = 50;
    static final int MAX_FIELDS_LENGTH = 4000;
    private static final Pattern ID = Pattern.compile("(act_)?[0-9]{1,30}");
    /** Graph's field list syntax: names, commas, {sub,fields}, .modifier(value); no URL syntax. */
    private static final Pattern FIELDS = Pattern.compile("[A-Za-z0-9_,.{}()\\[\\]\" :=\\-]+");

    private ObjectTools() {
    }

    static List<ToolDefinition> all() {
        return List.of(getObjects());
    }

    public static ToolDefinition getObjects() {
        return ToolDefinition.builder("get_objects", Toolset.CAMPAIGNS)
                .title("Read objects by id")
                .hints(Hints.READ)
                .scopes("ads_read")
                .description("""
                        Read up to 50 ad objects (campaigns, ad sets, ads, creatives, ad accounts) by id in ONE \
                        Graph call (GET ?ids=…&fields=…). Use it instead of one get_*_details call per object. \
                        'fields' is Graph's own field list and field expansion works, so children come in the same \
                        call, e.g. 'account_id,ads.limit(50){id,name,status,creative{id,title,body,image_hash}}' on \
                        an ad set, or 'adimages.hashes(["<hash>","<hash>"]){hash,url}' on an ad account. \
                        metadata=true adds Graph's "metadata":{"type":…} (campaign, adset, ad, adcreative, \
                        adaccount) to each object: one call tells what an id is. Returns {"<id>":{…the object…},…} \
                        as Meta sent it; an id the token cannot see fails the whole call (Meta's 100/33).""")
                .input(Schema.object()
                        .stringOrStringArray("ids", "Object ids (digits, or act_<digits> for an ad account), 1-"
                                + MAX_IDS + ", as a list or comma-separated.").required()
                        .string("fields", "Graph fields, field expansion included, e.g. "
                                + "'id,name,account_id,adsets.limit(25){id,name,status}'. Empty for each object's "
                                + "default fields.").defaultValue("")
                        .bool("metadata", "Add each object's type as metadata.type (Graph's metadata=1). "
                                + "Default false.").defaultValue(false))
                .handler(ObjectTools::getObjectsHandler)
                .build();
    }

    private static CallToolResult getObjectsHandler(ToolCall call) {
        Args args = call.args();
        List<String> ids = args.stringList("ids").orElse(List.of());
        if (ids.isEmpty() || ids.size() > MAX_IDS) {
            throw Args.invalid("ids", "must hold 1 to " + MAX_IDS + " ids; got " + ids.size());
        }
        for (String id : ids) {
            if (!ID.matcher(id).matches()) {
                throw Args.invalid("ids", "must be object ids (digits, or act_<digits>); got '" + Args.shorten(id)
                        + "'");
            }
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("ids", String.join(",", new LinkedHashSet<>(ids)));
        String fields = args.string("fields", "").strip();
        if (!fields.isEmpty()) {
            if (fields.length() > MAX_FIELDS_LENGTH || !FIELDS.matcher(fields).matches()) {
                throw Args.invalid("fields", "must be a Graph field list under " + MAX_FIELDS_LENGTH
                        + " characters such as 'id,name,ads.limit(10){id,name}' (letters, digits, _ , . { } ( ) "
                        + "[ ] \" : = - and spaces)");
            }
            params.put("fields", fields);
        }
        if (args.bool("metadata", false)) {
            params.put("metadata", "1");
        }
        return ToolResults.success(Common.copyOf(call.graph().get("", params)));
    }
}
