package dev.adsbridge.securitysuite;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * A workspace set up the way people do it, through the console's pages and API: an owner who signed up, connected
 * Facebook Ads as a given sandbox user and chose one ad account, an admin and an analyst who accepted invitations, a
 * read and a read_write API key, and the ids of one campaign → ad set → ad → creative (with image) of the account.
 */
final class Tenant {

    static final String PASSWORD = "violet kettle drums at noon";
    static final String DANA = "100000000000001";
    static final String MARCO = "100000000000002";
    static final String PRIYA = "100000000000003";
    private static final AtomicInteger EMAILS = new AtomicInteger();
    private static final Pattern CONFIRMATION_LINK = Pattern.compile("(https?://\\S+/signup/confirm/[A-Za-z0-9_-]+)");
    private static final Pattern NEW_AGENT_KEY = Pattern.compile("id=\"new-agent-key\"[^>]*>(abk_[A-Za-z0-9_-]+)<");
    private static final Pattern CONFIRM_FORM = Pattern.compile(
            "<form[^>]*action=\"([^\"]*/signup/confirm/[^\"]*)\"");

    final String company;
    final String ownerEmail;
    final Web owner;
    /** The sandbox user the owner connected as (set by {@link #full}). */
    String facebookUser;
    Web admin;
    Web analyst;
    String account;
    String connectionId;
    String readKey;
    String readKeyId;
    String writeKey;
    String writeKeyId;
    String campaignId;
    String adSetId;
    String adId;
    String creativeId;
    String imageHash;

    private Tenant(String company, String ownerEmail, Web owner) {
        this.company = company;
        this.ownerEmail = ownerEmail;
        this.owner = owner;
    }

    static String email(String who) {
        return who + "-" + EMAILS.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6)
                + "@example.test";
    }

    /**
     * Signs up a new workspace and signs its owner in, the way a person does: the form, "check your inbox", the
     * confirmation link from the mail (read from the suite's {@link MailSink}), and its "Create account and sign in".
     */
    static Tenant signUp(String consoleUrl, MailSink mail, String company) {
        Web web = new Web(consoleUrl);
        String email = email(company.toLowerCase().replaceAll("[^a-z0-9]", ""));
        Web.Answer signedUp = web.signUp(company, "Owner of " + company, email, PASSWORD);
        if (signedUp.uri().getPath().equals("/") && signedUp.status() == 200) {
            return new Tenant(company, email, web); // a console without e-mail verification signs in at once
        }
        if (!signedUp.uri().getPath().equals("/signup/sent") || signedUp.status() != 200) {
            throw new IllegalStateException("sign-up failed: " + signedUp + " " + Report.shorten(signedUp.body()));
        }
        String link = mail.await(email, CONFIRMATION_LINK, Duration.ofSeconds(20)).map(m -> m.group(1))
                .orElseThrow(() -> new IllegalStateException("no confirmation mail to " + email + " ("
                        + mail.received().size() + " mails received)"));
        Web.Answer confirmation = web.get(link);
        Matcher form = CONFIRM_FORM.matcher(confirmation.body());
        if (confirmation.status() != 200 || !form.find()
                || !confirmation.body().contains("Create account and sign in")) {
            throw new IllegalStateException("no confirmation form: " + confirmation + " "
                    + Report.shorten(confirmation.body()));
        }
        Web.Answer signedIn = web.postRaw(confirmation.uri().resolve(Web.unescape(form.group(1))).toString(),
                confirmation.inputs());
        if (!signedIn.uri().getPath().equals("/") || !"welcome".equals(signedIn.uri().getQuery())
                || signedIn.status() != 200) {
            throw new IllegalStateException("confirming the sign-up failed: " + signedIn + " "
                    + Report.shorten(signedIn.body()));
        }
        return new Tenant(company, email, web);
    }

    /** The full tenant: connected as {@code facebookUser}, {@code account} chosen, members, keys and object ids. */
    static Tenant full(String consoleUrl, MailSink mail, String company, String facebookUser, String account) {
        Tenant tenant = signUp(consoleUrl, mail, company);
        tenant.facebookUser = facebookUser;
        tenant.connect(facebookUser);
        tenant.choose(account);
        JsonNode read = tenant.createKey("reader", "read");
        tenant.readKey = read.path("key").asString();
        tenant.readKeyId = read.path("id").asString();
        JsonNode write = tenant.createKey("writer", "read_write");
        tenant.writeKey = write.path("key").asString();
        tenant.writeKeyId = write.path("id").asString();
        tenant.admin = tenant.invite("ADMIN");
        tenant.analyst = tenant.invite("ANALYST");
        tenant.findChain();
        return tenant;
    }

    /** Opens the sandbox's consent page for this owner (as {@code facebookUser}). */
    static Web.Answer openConsent(Web web, String facebookUser) {
        Web.Answer consent = web.post("/connect", Map.of());
        if (!consent.body().contains("name=\"action\"")) {
            throw new IllegalStateException("expected the consent page, got " + consent);
        }
        if (!facebookUser.equals(consent.input("sandbox_user").orElse(DANA))) {
            Matcher link = Pattern.compile("href=\"([^\"]*sandbox_user=" + facebookUser + "[^\"]*)\"")
                    .matcher(consent.body());
            if (!link.find()) {
                throw new IllegalStateException("no 'Log in as' link for " + facebookUser);
            }
            consent = web.get(consent.uri().resolve(Web.unescape(link.group(1))).toString());
        }
        return consent;
    }

    /** Submits the consent form with Continue; with {@code stopAtCallback} returns the redirect to the console. */
    static Web.Answer submitConsent(Web web, Web.Answer consent, boolean stopAtCallback) {
        Map<String, String> fields = new LinkedHashMap<>(consent.inputs());
        fields.put("action", "continue");
        String target = consent.uri().resolve(consent.formAction()).toString();
        return stopAtCallback ? web.postRawOnce(target, fields) : web.postRaw(target, fields);
    }

    void connect(String facebookUser) {
        Web.Answer picker = submitConsent(owner, openConsent(owner, facebookUser), false);
        Matcher id = Pattern.compile("/connections/([0-9a-f-]{36})/ad-accounts").matcher(picker.path());
        if (!id.find()) {
            throw new IllegalStateException("connect failed: " + picker + " " + Report.shorten(picker.body()));
        }
        connectionId = id.group(1);
    }

    void choose(String accountId) {
        Web.Answer chosen = owner.post("/connections/" + connectionId + "/ad-accounts", Map.of("account", accountId));
        if (chosen.status() >= 400) {
            throw new IllegalStateException("choosing " + accountId + " failed: " + chosen);
        }
        account = accountId;
    }

    /**
     * Chooses exactly these ad accounts of the connection (the picker's checkboxes: the first stays {@link #account});
     * accounts not named are no longer in use.
     */
    void chooseOnly(List<String> accountIds) {
        List<String[]> fields = accountIds.stream().map(id -> new String[] {"account", id}).toList();
        Web.Answer chosen = owner.postPairs("/connections/" + connectionId + "/ad-accounts", fields);
        if (chosen.status() >= 400 || !chosen.uri().getPath().equals("/")) {
            throw new IllegalStateException("choosing " + accountIds + " failed: " + chosen);
        }
    }

    /**
     * An agent key made on Settings → AI agents by {@code who} (an owner or admin of this workspace): {@code scope}
     * read or read_write, limited to {@code accounts} (none: every account the workspace uses). The key is read from
     * the page, where it is shown once.
     */
    String agentKey(Web who, String name, String scope, List<String> accounts) {
        List<String[]> fields = new java.util.ArrayList<>();
        fields.add(new String[] {"name", name});
        fields.add(new String[] {"scope", scope});
        fields.add(new String[] {"expires_days", "0"});
        accounts.forEach(a -> fields.add(new String[] {"account", a}));
        Web.Answer page = who.postPairs("/settings/agents/keys", fields);
        Matcher key = NEW_AGENT_KEY.matcher(page.body());
        if (page.status() != 200 || !key.find()) {
            throw new IllegalStateException("agent key not created: " + page + " " + Report.shorten(page.body()));
        }
        return key.group(1);
    }

    /** The id of this workspace's agent key named {@code name}, from the key table's revoke form. */
    String agentKeyId(String name) {
        Web.Answer page = owner.get("/settings/agents");
        Matcher row = Pattern.compile(">" + Pattern.quote(name)
                + "</td>(?s:.*?)/settings/agents/keys/([0-9a-f-]{36})/revoke").matcher(page.body());
        if (!row.find()) {
            throw new IllegalStateException("no agent key named " + name + " on " + page);
        }
        return row.group(1);
    }

    /** The member id of {@code email}, from the team page's role form. */
    String memberId(String email) {
        Web.Answer page = owner.get("/team");
        Matcher row = Pattern.compile(Pattern.quote(email) + "(?s:.*?)/team/members/([0-9a-f-]{36})/role")
                .matcher(page.body());
        if (!row.find()) {
            throw new IllegalStateException("no member " + email + " on " + page);
        }
        return row.group(1);
    }

    JsonNode createKey(String name, String scope) {
        Web.Answer created = owner.api("POST", "/api/v1/api-keys",
                Web.JSON.writeValueAsString(Map.of("name", name, "scope", scope)));
        if (created.status() / 100 != 2) {
            throw new IllegalStateException("API key not created: " + created + " " + created.body());
        }
        return created.json();
    }

    /** A teammate who accepted an invitation and signed in: their e-mail address and browser. */
    record Teammate(String email, Web web) {
    }

    Web invite(String role) {
        return teammate(role).web();
    }

    Teammate teammate(String role) {
        String email = email(role.toLowerCase());
        Web.Answer team = owner.post("/team/invitations", Map.of("email", email, "role", role));
        Matcher link = Pattern.compile("(http://[^<\\s\"]*/invite/[A-Za-z0-9_-]+)").matcher(team.body());
        if (!link.find()) {
            throw new IllegalStateException("no invitation link: " + team);
        }
        Web web = new Web(owner.base());
        web.post(link.group(1).replace(owner.base(), ""), Map.of("name", "A " + role, "password", PASSWORD));
        Web.Answer signedIn = web.signIn(email, PASSWORD);
        if (!signedIn.uri().getPath().equals("/")) {
            throw new IllegalStateException(role + " could not sign in: " + signedIn);
        }
        return new Teammate(email, web);
    }

    Web.Answer key(String key, String method, String path, String json) {
        return owner.withKey(key, method, path, json, Map.of());
    }

    private JsonNode read(String path) {
        Web.Answer answer = key(readKey, "GET", path, null);
        if (answer.status() != 200) {
            throw new IllegalStateException(path + " → " + answer.status() + " " + Report.shorten(answer.body()));
        }
        return answer.json();
    }

    /** A seeded campaign → ad set → ad → creative with an image, read through the API with the read key. */
    private void findChain() {
        for (JsonNode campaign : read("/api/v1/ad-accounts/" + account + "/campaigns?limit=25").path("data")) {
            String c = campaign.path("id").asString();
            for (JsonNode adSet : read("/api/v1/campaigns/" + c + "/adsets").path("data")) {
                String s = adSet.path("id").asString();
                for (JsonNode ad : read("/api/v1/adsets/" + s + "/ads").path("data")) {
                    String a = ad.path("id").asString();
                    for (JsonNode creative : read("/api/v1/ads/" + a + "/creatives").path("data")) {
                        String hash = creative.path("image_hash").asString("");
                        if (hash.matches("[0-9a-f]{32}")) {
                            campaignId = c;
                            adSetId = s;
                            adId = a;
                            creativeId = creative.path("id").asString();
                            imageHash = hash;
                            return;
                        }
                    }
                }
            }
        }
        throw new IllegalStateException("no campaign with an image creative in " + account);
    }

    /** The markers another tenant never sends itself, so never echoes of its own requests. */
    List<String> neverSentMarkers() {
        return List.of(connectionId, writeKeyId, ownerEmail, company);
    }

    /** Strings that must never appear in another tenant's answers. */
    List<String> markers() {
        return List.of(account, campaignId, adSetId, adId, creativeId, imageHash, connectionId, readKeyId,
                writeKeyId, ownerEmail, company);
    }
}
