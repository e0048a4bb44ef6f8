package dev.adsbridge.graph;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays the browser on the sandbox's script-free login dialog: opens the dialog URL, submits the consent form as
 * shown (every permission ticked) and returns the parameters of the redirect back to the app.
 */
final class SandboxLoginDialog {

    private static final Pattern INPUT = Pattern.compile("<input\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern FORM_ACTION = Pattern.compile("<form\\b[^>]*action=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

    private final HttpClient browser = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /** Consents on the dialog at {@code dialogUrl}; returns the query of the redirect (code and state, or error). */
    Map<String, String> consent(URI dialogUrl) throws IOException, InterruptedException {
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(dialogUrl).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (page.statusCode() != 200) {
            throw new IllegalStateException("dialog answered " + page.statusCode() + ": " + page.body());
        }
        Matcher action = FORM_ACTION.matcher(page.body());
        if (!action.find()) {
            throw new IllegalStateException("dialog page has no form: " + page.body());
        }
        Map<String, String> form = new LinkedHashMap<>();
        Matcher input = INPUT.matcher(page.body());
        while (input.find()) {
            String attributes = input.group(1);
            String type = attribute(attributes, "type");
            boolean submitted = "hidden".equalsIgnoreCase(type)
                    || ("checkbox".equalsIgnoreCase(type) && attributes.matches("(?s).*\\bchecked\\b.*"));
            if (submitted && attribute(attributes, "name") != null) {
                form.put(attribute(attributes, "name"), attribute(attributes, "value"));
            }
        }
        form.put("action", "continue");
        URI target = dialogUrl.resolve(unescape(action.group(1)));
        HttpResponse<String> redirect = browser.send(HttpRequest.newBuilder(target)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(QueryStrings.encode(form)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String location = redirect.headers().firstValue("Location")
                .orElseThrow(() -> new IllegalStateException("consent answered " + redirect.statusCode()
                        + " without a redirect: " + redirect.body()));
        return QueryStrings.parse(QueryStrings.queryOf(location));
    }

    private static String attribute(String attributes, String name) {
        Matcher value = Pattern.compile("\\b" + name + "=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE).matcher(attributes);
        return value.find() ? unescape(value.group(1)) : null;
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }
}
