package dev.adsbridge.mcp.tools;

import dev.adsbridge.graph.Page;
import dev.adsbridge.mcp.inventory.Args;
import dev.adsbridge.mcp.inventory.Json;
import dev.adsbridge.mcp.inventory.Schema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Argument descriptions and result shapes shared by every toolset, so all tools speak alike. */
final class Common {

    static final String ACCOUNT_ID = "Ad account id: 'act_1234567890' or just '1234567890' (get_ad_accounts lists "
            + "the accounts the token can reach).";
    static final String AFTER = "Paging cursor: pass the 'next_cursor' of the previous answer to get the next page. "
            + "Omit for the first page.";
    static final String VALIDATE_ONLY = "Dry run: Meta checks the request (execution_options=[\"validate_only\"]) and "
            + "creates or changes nothing. Default false.";
    /** Largest page an edge list tool asks Meta for. */
    static final int MAX_LIMIT = 500;

    private Common() {
    }

    /** Adds the {@code limit} and {@code after} arguments every list tool takes. */
    static Schema paging(Schema schema, String items, int defaultLimit) {
        return schema
                .integer("limit", "Most " + items + " to return in this answer (1-" + MAX_LIMIT + "). Default "
                        + defaultLimit + ". Use 'after' with the returned next_cursor for more.")
                .defaultValue(defaultLimit).min(1).max(MAX_LIMIT)
                .string("after", AFTER);
    }

    /** Adds the {@code validate_only} argument every write takes. */
    static Schema validateOnly(Schema schema) {
        return schema.bool("validate_only", VALIDATE_ONLY).defaultValue(false);
    }

    /** {@code fields}, {@code limit} and {@code after} as Graph parameters. */
    static Map<String, String> listParams(String fields, int limit, Optional<String> after) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("fields", fields);
        params.put("limit", Integer.toString(limit));
        after.ifPresent(cursor -> params.put("after", cursor));
        return params;
    }

    /** Adds {@code execution_options=["validate_only"]} when the call asks for a dry run. */
    static boolean applyValidateOnly(Args args, Map<String, String> params) {
        boolean validateOnly = args.bool("validate_only", false);
        if (validateOnly) {
            params.put("execution_options", "[\"validate_only\"]");
        }
        return validateOnly;
    }

    /**
     * A list answer: {@code data}, {@code paging} as Meta sent it (credentials already removed from its URLs by the
     * graph client), {@code next_cursor} when there is a next page, and {@code summary} when Meta sent one.
     */
    static ObjectNode listResult(Page<JsonNode> page) {
        ArrayNode data = Json.array();
        page.data().forEach(data::add);
        return listResult(data, page);
    }

    /** As {@link #listResult(Page)} with items already reshaped; {@code lastPage} supplies paging. */
    static ObjectNode listResult(ArrayNode data, Page<JsonNode> lastPage) {
        ObjectNode result = Json.object();
        result.set("data", data);
        if (lastPage != null && lastPage.paging().isObject()) {
            result.set("paging", lastPage.paging());
        }
        if (lastPage != null) {
            lastPage.nextCursor().ifPresent(cursor -> result.put("next_cursor", cursor));
            lastPage.summary().ifPresent(summary -> result.set("summary", summary));
        }
        return result;
    }

    static ArrayNode strings(List<String> values) {
        ArrayNode array = Json.array();
        values.forEach(array::add);
        return array;
    }
}
