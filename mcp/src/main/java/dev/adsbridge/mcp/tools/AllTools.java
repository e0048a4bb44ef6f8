package dev.adsbridge.mcp.tools;

import dev.adsbridge.mcp.inventory.ToolDefinition;
import java.util.ArrayList;
import java.util.List;

/**
 * Every tool the server knows, in one list. The server's inventory filters it (read-only, toolsets, per-request
 * headers); nothing else decides which tools exist.
 *
 * <h2>Adding a toolset (see also mcp/TOOLS.md)</h2>
 * <ol>
 *   <li>Create one class in this package named after the API area, e.g. {@code AdSetTools}, with one public static
 *       factory per tool ({@code public static ToolDefinition createAdset()}) and a package-private
 *       {@code static List<ToolDefinition> all()} listing them. {@link CampaignTools} is the model to copy.</li>
 *   <li>Each factory builds the whole tool in one place: {@code ToolDefinition.builder(name, Toolset.X)}, a title,
 *       {@code Hints.READ / CREATE / UPDATE / LOCAL} (honest: they drive read-only mode), the Meta permissions, a
 *       description written for a language model (what, when, units, defaults, what comes back), the input
 *       {@code Schema} (use {@code Common.paging} for lists and {@code Common.validateOnly} for writes), and the
 *       handler.</li>
 *   <li>In the handler read arguments only through {@code call.args()} (it validates and explains) and call Meta only
 *       through {@code call.graph()} (bound to this call's token). Validate everything you can before calling Meta
 *       and throw {@code ToolException.invalid("what is wrong and how to fix it")}; let {@code GraphException}
 *       propagate: the runner turns both into the common error shape. Return {@code ToolResults.success(json)}; list
 *       tools return {@code Common.listResult(page)}. Writes default status to PAUSED and honour validate_only.</li>
 *   <li>Add {@code XTools.all()} to {@link #all()} below, run the tests with {@code UPDATE_TOOLSNAPS=true} once to
 *       write the new schema snapshots under {@code src/test/resources/toolsnaps/}, review and commit them.</li>
 * </ol>
 */
public final class AllTools {

    private AllTools() {
    }

    /** A fresh list of every tool definition, in no particular order (the inventory sorts). */
    public static List<ToolDefinition> all() {
        List<ToolDefinition> tools = new ArrayList<>();
        tools.addAll(AccountTools.all());
        tools.addAll(CampaignTools.all());
        tools.addAll(AdSetTools.all());
        tools.addAll(AdTools.all());
        tools.addAll(CreativeTools.all());
        tools.addAll(InsightsTools.all());
        tools.addAll(TargetingTools.all());
        tools.addAll(AudienceTools.all());
        tools.addAll(LibraryTools.all());
        tools.addAll(OperationsTools.all());
        tools.addAll(ObjectTools.all());
        tools.addAll(RetrievalTools.all());
        return List.copyOf(tools);
    }
}
