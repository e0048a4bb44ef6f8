package dev.adsbridge.mcp.inventory;

import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.GetPromptResult;
import io.modelcontextprotocol.spec.McpSchema.Prompt;
import io.modelcontextprotocol.spec.McpSchema.PromptArgument;
import io.modelcontextprotocol.spec.McpSchema.PromptMessage;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * MCP prompts for the analyses marketers ask an agent for most: a weekly performance review, wasted spend and creative
 * fatigue. Each takes an ad account ({@code account_id}, completed from the accounts the caller's token reaches) and
 * answers one user message that tells the model which tools to call with which arguments and what to report; the
 * model then calls the tools as usual. Clients that support prompts show them as commands (e.g. slash commands).
 */
public final class AnalysisPrompts {

    public static final String WEEKLY_REVIEW = "weekly_performance_review";
    public static final String WASTED_SPEND = "wasted_spend";
    public static final String CREATIVE_FATIGUE = "creative_fatigue";
    public static final String ACCOUNT_ARGUMENT = "account_id";
    private static final Pattern ACCOUNT = Pattern.compile("(act_)?[0-9]{1,20}");

    private static final PromptArgument ACCOUNT_ID = new PromptArgument(ACCOUNT_ARGUMENT, "Ad account",
            "The ad account: act_123 or 123 (get_ad_accounts lists them).", true);

    private static final List<Prompt> PROMPTS = List.of(
            new Prompt(WEEKLY_REVIEW, "Weekly performance review",
                    "Last 7 days against the 7 before: spend, results, cost per result and ROAS per campaign, "
                            + "what changed and what to do next.", List.of(ACCOUNT_ID)),
            new Prompt(WASTED_SPEND, "Wasted spend",
                    "Ad sets and ads of the last 14 days that spent without results, or at a cost per result far "
                            + "above the account's, with what pausing them would save.", List.of(ACCOUNT_ID)),
            new Prompt(CREATIVE_FATIGUE, "Creative fatigue",
                    "Ads whose frequency rises while CTR falls over the last 4 weeks, week by week, and which to "
                            + "refresh first.", List.of(ACCOUNT_ID)));

    private AnalysisPrompts() {
    }

    public static List<Prompt> prompts() {
        return PROMPTS;
    }

    public static boolean isPrompt(String name) {
        return PROMPTS.stream().anyMatch(prompt -> prompt.name().equals(name));
    }

    /**
     * The prompt's message for an account.
     *
     * @throws McpError invalid params for an unknown prompt or a missing or malformed account id
     */
    public static GetPromptResult get(String name, Map<String, Object> arguments) {
        Prompt prompt = PROMPTS.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> invalid("Unknown prompt: " + Args.shorten(String.valueOf(name), 64)
                        + " (prompts: " + WEEKLY_REVIEW + ", " + WASTED_SPEND + ", " + CREATIVE_FATIGUE + ")"));
        String account = Optional.ofNullable(arguments).map(a -> a.get(ACCOUNT_ARGUMENT)).map(Object::toString)
                .map(String::strip).orElse("");
        if (!ACCOUNT.matcher(account).matches()) {
            throw invalid("Prompt " + name + " needs account_id: an ad account id such as act_123 or 123");
        }
        String act = account.startsWith("act_") ? account : "act_" + account;
        String text = switch (prompt.name()) {
            case WEEKLY_REVIEW -> """
                    Review the last week of ad account %1$s.
                    1. get_insights with object_id=%1$s, level=campaign, time_ranges=[the last 7 full days, the 7 days \
                    before them] (dates as YYYY-MM-DD, today excluded), compact=true.
                    2. Per campaign and for the account: spend, results, cost per result, CTR, CPM, purchase value and \
                    ROAS, this week against last week with the change in percent.
                    3. Name the three biggest changes and their likely cause (budget, delivery, creative, audience), \
                    then recommend at most three actions. Change nothing yourself; money is in the account currency.""";
            case WASTED_SPEND -> """
                    Find wasted spend in ad account %1$s over the last 14 days.
                    1. get_insights with object_id=%1$s, level=adset, time_range=last_14d, compact=true; then the \
                    same with level=ad for the ad sets you flag.
                    2. Flag what spent more than twice the account's average cost per result without a result, or at \
                    more than twice the account's cost per result. Leave out anything with less than 1 percent of \
                    the account's spend.
                    3. A table: name, spend, results, cost per result, the account's cost per result, and what \
                    pausing it would have saved. Propose pauses, but change nothing until the user confirms.""";
            case CREATIVE_FATIGUE -> """
                    Look for creative fatigue in ad account %1$s.
                    1. get_insights with object_id=%1$s, level=ad, time_range=last_28d, time_increment=7, \
                    fields=[ad_id, ad_name, impressions, reach, frequency, ctr, cpm, spend, results, \
                    cost_per_result], compact=true.
                    2. An ad is fatigued when its frequency rose week over week while its CTR fell and its cost per \
                    result rose; rank them by spend in the last week.
                    3. For the top five, get_ad_details shows the creative; suggest what to refresh. Change \
                    nothing yourself.""";
            default -> throw new IllegalStateException(prompt.name());
        };
        return new GetPromptResult(prompt.description(), List.of(new PromptMessage(McpSchema.Role.USER,
                new TextContent(text.formatted(act)))));
    }

    private static McpError invalid(String message) {
        return McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS).message(message).build();
    }
}
