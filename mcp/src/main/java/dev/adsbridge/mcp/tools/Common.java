package dev.adsbridge.mcp.tools;

import dev.adsbridge.graph.Page;
import dev.adsbridge.mcp.inventory.Args;
import dev.adsbridge.mcp.inventory.Json;
import dev.adsbridge.mcp.inventory.Schema;
import dev.adsbridge.mcp.inventory.ToolHandler;
import dev.adsbridge.mcp.inventory.ToolResults;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Argument descriptions, argument readers and result shapes shared by every toolset, so all tools speak alike. */
final class Common {

    static final String ACCOUNT_ID = "Ad account id: 'act_1234567890' or just '1234567890' (get_ad_accounts lists "
            + "the accounts the token can reach).";
    static final String AFTER = "Paging cursor: pass the 'next_cursor' of the previous answer to get the next page. "
            + "Omit for the first page.";
    static final String VALIDATE_ONLY = "Dry run: Meta checks the request (execution_options=[\"validate_only\"]) and "
            + "creates or changes nothing. Default false.";
    /** Largest page an edge list tool asks Meta for. */
    static final int MAX_LIMIT = 500;
    /** Statuses a campaign, ad set or ad may be created with, and may be given later. */
    static final List<String> CREATE_STATUSES = List.of("ACTIVE", "PAUSED");
    static final List<String> UPDATE_STATUSES = List.of("ACTIVE", "PAUSED", "ARCHIVED", "DELETED");
    /** Longest name Meta accepts for a campaign, ad set, ad or creative. */
    static final int MAX_NAME_LENGTH = 400;
    static final String DRY_RUN_CREATED = "Dry run: Meta accepted the request; nothing was created.";
    static final String DRY_RUN_CHANGED = "Dry run: Meta accepted the change; nothing was changed.";

    private Common() {
    }

    // ---------------------------------------------------------------- schemas

    /** Adds the {@code limit} and {@code after} arguments every list tool takes. */
    static Schema paging(Schema schema, String items, int defaultLimit) {
        return schema
                .integer("limit", "Most " + items + " to return in this answer (1-" + MAX_LIMIT + "). Default "
                        + defaultLimit + ". Use 'after' with the returned next_cursor for more.")
                .defaultValue(defaultLimit).min(1).max(MAX_LIMIT)
                .string("after", AFTER).defaultValue("");
    }

    /** Adds the {@code status_filter} argument of a list of campaigns, ad sets or ads. */
    static Schema statusFilter(Schema schema, String items, List<String> statuses) {
        return schema
                .string("status_filter", "Only " + items + " with this effective status: one of "
                        + String.join(", ", statuses) + " (several comma-separated). Empty for all except "
                        + "archived/deleted.")
                .defaultValue("");
    }

    /** Adds the {@code validate_only} argument every write takes. */
    static Schema validateOnly(Schema schema) {
        return schema.bool("validate_only", VALIDATE_ONLY).defaultValue(false);
    }

    // ---------------------------------------------------------------- arguments to Graph parameters

    /** {@code fields} plus the call's {@code limit} (1-{@value #MAX_LIMIT}) and {@code after} as Graph parameters. */
    static Map<String, String> listParams(Args args, String fields, int defaultLimit) {
        return listParams(fields, args.integer("limit", defaultLimit, 1, MAX_LIMIT), args.string("after"));
    }

    /** {@code fields}, {@code limit} and {@code after} as Graph parameters. */
    static Map<String, String> listParams(String fields, int limit, Optional<String> after) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("fields", fields);
        params.put("limit", Integer.toString(limit));
        after.ifPresent(cursor -> params.put("after", cursor));
        return params;
    }

    /** {@code status_filter} as Meta's {@code effective_status=[…]}; nothing when it is absent or empty. */
    static void putStatusFilter(Args args, List<String> statuses, Map<String, String> params) {
        args.enumList("status_filter", statuses)
                .filter(given -> !given.isEmpty())
                .ifPresent(given -> params.put("effective_status", Json.write(given)));
    }

    /** Adds {@code execution_options=["validate_only"]} when the call asks for a dry run. */
    static boolean applyValidateOnly(Args args, Map<String, String> params) {
        boolean validateOnly = args.bool("validate_only", false);
        if (validateOnly) {
            params.put("execution_options", "[\"validate_only\"]");
        }
        return validateOnly;
    }

    /** The {@code name} of an object to create or rename ({@code what}: "campaign", "ad set"…), at most maxLength. */
    static Optional<String> name(Args args, String what, boolean required, int maxLength) {
        Optional<String> name = required
                ? Optional.of(args.requireString("name", "pass the " + what + " name"))
                : args.string("name");
        name.ifPresent(value -> {
            if (value.length() > maxLength) {
                throw Args.invalid("name", "must be at most " + maxLength + " characters");
            }
        });
        return name;
    }

    // ---------------------------------------------------------------- results

    /** A handler reading one node by the id in {@code idArgument} with these fields, answered as Meta sent it. */
    static ToolHandler readById(String idArgument, String what, String fields) {
        return call -> {
            String id = call.args().objectId(idArgument, what);
            return ToolResults.success(copyOf(call.graph().get(id, Map.of("fields", fields))));
        };
    }

    /** A copy of Meta's answer to add to; an empty object when Meta answered something else. */
    static ObjectNode copyOf(JsonNode answer) {
        return answer != null && answer.isObject() ? (ObjectNode) answer.deepCopy() : Json.object();
    }

    /** Marks a result as a dry run: {@code validate_only: true} and a note saying what did not happen. */
    static ObjectNode dryRun(ObjectNode result, String note) {
        result.put("validate_only", true);
        result.put("note", note);
        return result;
    }

    /**
     * The answer of an update: Meta's {@code {"success":true}} with the object's id under {@code idField} and the
     * names of the fields sent, marked as a dry run when it was one.
     */
    static ObjectNode updateResult(JsonNode answer, String idField, String id, List<String> updatedFields,
                                   boolean validateOnly) {
        ObjectNode result = copyOf(answer);
        result.put(idField, id);
        result.set("updated_fields", strings(updatedFields));
        return validateOnly ? dryRun(result, DRY_RUN_CHANGED) : result;
    }

    /**
     * A list answer: {@code data}, {@code paging} as Meta sent it (credentials already removed from its URLs by the
     * graph client), {@code next_cursor} when there is a next page, and {@code summary} when Meta sent one.
     */
    static ObjectNode listResult(Page<JsonNode> page) {
        return listResult(page, item -> item);
    }

    /** As {@link #listResult(Page)} with each item reshaped first (extra fields, parsed JSON text…). */
    static ObjectNode listResult(Page<JsonNode> page, Function<JsonNode, JsonNode> reshape) {
        ArrayNode data = Json.array();
        page.data().forEach(item -> data.add(reshape.apply(item)));
        return listResult(data, page);
    }

    /** As {@link #listResult(Page)} with items collected from several pages; {@code lastPage} supplies paging. */
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
