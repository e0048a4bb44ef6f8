package dev.adsbridge.sandbox.oauth;

import dev.adsbridge.sandbox.SandboxConfig;
import dev.adsbridge.sandbox.SandboxHttp;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives the sandbox's login dialog the way a browser would, with nothing but HTTP and the page's HTML: GET the
 * dialog, read the form (action, hidden inputs, checked checkboxes), submit it with the pressed button, and read the
 * redirect. Shared by the OAuth contract tests.
 */
final class LoginDialogDriver {

    static final String REDIRECT_URI = "http://localhost:8080/connect/callback";
    static final String APP_ID = SandboxConfig.DEFAULT_APP_ID;
    static final String APP_SECRET = SandboxConfig.DEFAULT_APP_SECRET;

    private static final Pattern FORM = Pattern.compile("<form[^>]*method=\"(\\w+)\"[^>]*action=\"([^\"]*)\"");
    private static final Pattern INPUT = Pattern.compile("<input([^>]*)>");
    private static final Pattern ATTRIBUTE = Pattern.compile("(\\w+)(?:=\"([^\"]*)\")?");

    /** The consent form as a browser sees it. */
    record Form(String method, String action, Map<String, String> hidden, List<String> checkboxes) {
    }

    private final SandboxHttp sandbox;

    LoginDialogDriver(SandboxHttp sandbox) {
        this.sandbox = sandbox;
    }

    /** GET {base}/v25.0/dialog/oauth?params. */
    SandboxHttp.Answer open(Map<String, String> params) {
        return sandbox.getUrl(null, sandbox.baseUrl() + "/v25.0/dialog/oauth" + SandboxHttp.query(params));
    }

    static Map<String, String> standardParams(String scope, String state) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("client_id", APP_ID);
        params.put("redirect_uri", REDIRECT_URI);
        params.put("state", state);
        params.put("scope", scope);
        params.put("response_type", "code");
        return params;
    }

    static Form parseForm(String html) {
        Matcher form = FORM.matcher(html);
        if (!form.find()) {
            throw new AssertionError("no form in the dialog page:\n" + html);
        }
        Map<String, String> hidden = new LinkedHashMap<>();
        List<String> checkboxes = new ArrayList<>();
        Matcher input = INPUT.matcher(html);
        while (input.find()) {
            Map<String, String> attrs = new LinkedHashMap<>();
            Matcher a = ATTRIBUTE.matcher(input.group(1));
            while (a.find()) {
                attrs.put(a.group(1), a.group(2) == null ? "" : unescape(a.group(2)));
            }
            if ("hidden".equals(attrs.get("type"))) {
                hidden.put(attrs.get("name"), attrs.get("value"));
            } else if ("checkbox".equals(attrs.get("type")) && attrs.containsKey("checked")) {
                checkboxes.add(attrs.get("name"));
            }
        }
        return new Form(form.group(1), unescape(form.group(2)), hidden, checkboxes);
    }

    /** Submits the form pressing {@code action} ("continue" or "cancel"), keeping the checkboxes {@code keep} accepts. */
    SandboxHttp.Answer submit(Form form, String action, Predicate<String> keep) {
        Map<String, String> fields = new LinkedHashMap<>(form.hidden());
        form.checkboxes().stream().filter(keep).forEach(name -> fields.put(name, "on"));
        fields.put("action", action);
        return post(form.action(), fields);
    }

    SandboxHttp.Answer post(String action, Map<String, String> fields) {
        return sandbox.send(null, "POST", sandbox.baseUrl() + action, "application/x-www-form-urlencoded",
                HttpRequest.BodyPublishers.ofString(SandboxHttp.query(fields).substring(1)));
    }

    /** Opens the dialog, accepts everything, and returns the authorization code from the redirect. */
    String authorize(Map<String, String> params) {
        SandboxHttp.Answer page = open(params);
        SandboxHttp.Answer redirect = submit(parseForm(page.body()), "continue", name -> true);
        return redirectQuery(redirect).get("code");
    }

    /** The query parameters of a 302's Location (Meta's {@code #_=_} fragment dropped). */
    static Map<String, String> redirectQuery(SandboxHttp.Answer redirect) {
        if (redirect.status() != 302) {
            throw new AssertionError("expected a 302, got " + redirect.status() + ": " + redirect.body());
        }
        URI location = URI.create(redirect.header("Location"));
        Map<String, String> out = new LinkedHashMap<>();
        String query = location.getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** GET /oauth/access_token for a code. */
    SandboxHttp.Answer exchange(String code, String redirectUri, String secret) {
        return exchange(code, redirectUri, secret, null);
    }

    /** GET /oauth/access_token for a code, with a PKCE {@code code_verifier} unless it is null. */
    SandboxHttp.Answer exchange(String code, String redirectUri, String secret, String codeVerifier) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("client_id", APP_ID);
        params.put("redirect_uri", redirectUri);
        params.put("client_secret", secret);
        params.put("code", code);
        if (codeVerifier != null) {
            params.put("code_verifier", codeVerifier);
        }
        return sandbox.get(null, "oauth/access_token", params);
    }

    private static String unescape(String text) {
        return text.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }
}
