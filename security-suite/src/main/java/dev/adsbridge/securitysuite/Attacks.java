package dev.adsbridge.securitysuite;

import dev.adsbridge.graph.SignedRequest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** The attacks and faults other than the cross-tenant matrix; each adds one or more rows to the report. */
final class Attacks {

    /** What the suite configures (the console's defaults): failed sign-ins per account and per address. */
    static final int ACCOUNT_FAILURE_LIMIT = 5;
    static final int ADDRESS_FAILURE_LIMIT = 50;

    private final Deployment d;
    private final Report report;
    private final Tenant a;

    Attacks(Deployment deployment, Report report, Tenant a) {
        this.d = deployment;
        this.report = report;
        this.a = a;
    }

    /** Runs one check, turning an exception into a failed attempt (never a skip). */
    void run(String category, String check, java.util.function.Consumer<Report.Row> body) {
        run(report, category, check, body);
    }

    /** Runs one check of {@code report}, turning an exception into a failed attempt (never a skip). */
    static void run(Report report, String category, String check, java.util.function.Consumer<Report.Row> body) {
        Report.Row row = report.row(category, check);
        long start = System.currentTimeMillis();
        System.out.println("… " + category + ": " + check);
        try {
            body.accept(row);
        } catch (RuntimeException e) {
            row.attempt(false, "the check itself broke: " + e);
            e.printStackTrace(System.out);
        }
        row.millis = System.currentTimeMillis() - start;
        System.out.printf("  tried %d, held %d, failed %d%n", row.tried, row.held, row.failed());
    }

    // ------------------------------------------------------------------------------------------------ sign-in, sign-up

    /** One sign-in POST, not followed: where it sends the visitor. */
    private record SignInOutcome(int status, String location) {
        boolean evaluatedWrong() {
            return location != null && location.contains("/signin?error");
        }

        boolean locked() {
            return location != null && location.contains("locked");
        }

        boolean signedIn() {
            return status == 302 && location != null && !location.contains("/signin");
        }
    }

    private List<SignInOutcome> burst(List<String[]> credentials, int threads) {
        List<Web> webs = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < credentials.size(); i++) {
            Web web = new Web(d.consoleUrl);
            webs.add(web);
            tokens.add(web.csrf());
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<SignInOutcome>> futures = new ArrayList<>();
        for (int i = 0; i < credentials.size(); i++) {
            int n = i;
            futures.add(pool.submit(() -> {
                go.await();
                Web.Answer answer = webs.get(n).postRawOnce("/signin", Map.of("email", credentials.get(n)[0],
                        "password", credentials.get(n)[1], "_csrf", tokens.get(n)));
                return new SignInOutcome(answer.status(), answer.header("location"));
            }));
        }
        go.countDown();
        List<SignInOutcome> outcomes = new ArrayList<>();
        for (Future<SignInOutcome> future : futures) {
            try {
                outcomes.add(future.get(60, java.util.concurrent.TimeUnit.SECONDS));
            } catch (Exception e) {
                outcomes.add(new SignInOutcome(-1, String.valueOf(e)));
            }
        }
        pool.shutdownNow();
        return outcomes;
    }

    void signInBurst() {
        run("sign-in", "31 parallel attempts on one account (30 wrong, 1 right)", row -> {
            Tenant victim = signUp("Burst " + UUID.randomUUID().toString().substring(0, 6));
            List<String[]> credentials = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                credentials.add(new String[] {victim.ownerEmail, "wrong guess number " + i});
            }
            credentials.add(15, new String[] {victim.ownerEmail, Tenant.PASSWORD});
            List<SignInOutcome> outcomes = burst(credentials, 31);
            SignInOutcome right = outcomes.remove(15);
            long evaluated = outcomes.stream().filter(SignInOutcome::evaluatedWrong).count();
            long locked = outcomes.stream().filter(SignInOutcome::locked).count();
            long errors = outcomes.stream().filter(o -> o.status() >= 500 || o.status() < 0).count()
                    + (right.status() >= 500 ? 1 : 0);
            row.note(evaluated + " wrong guesses evaluated, " + locked + " refused as locked; the right one → "
                    + right.status() + " " + right.location());
            row.attempt(evaluated <= ACCOUNT_FAILURE_LIMIT, evaluated + " of 30 wrong guesses were checked against "
                    + "the password (limit " + ACCOUNT_FAILURE_LIMIT + "): the lock did not hold under concurrency");
            row.attempt(errors == 0, errors + " attempts answered 5xx or not at all: " + outcomes.stream()
                    .filter(o -> o.status() >= 500 || o.status() < 0).map(o -> o.status() + " " + o.location())
                    .toList());
            boolean rightAfterLock = right.signedIn() && evaluated >= ACCOUNT_FAILURE_LIMIT;
            row.attempt(!rightAfterLock, "the right password signed in although " + evaluated
                    + " wrong guesses had been checked (the lock should have been on)");
            SignInOutcome after = burst(List.<String[]>of(new String[] {victim.ownerEmail, Tenant.PASSWORD}), 1)
                    .get(0);
            row.attempt(after.locked(), "right after the burst the right password → " + after.status() + " "
                    + after.location() + " (expected the lock)");
        });
    }

    void perAddressBurst() {
        run("sign-in", "60 parallel wrong sign-ins across 60 accounts from one address", row -> {
            List<String[]> credentials = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                credentials.add(new String[] {Tenant.email("spray"), "Spring2026!spray" + i});
            }
            List<SignInOutcome> outcomes = burst(credentials, 20);
            long evaluated = outcomes.stream().filter(SignInOutcome::evaluatedWrong).count();
            long errors = outcomes.stream().filter(o -> o.status() >= 500 || o.status() < 0).count();
            row.note(evaluated + " of 60 evaluated, "
                    + outcomes.stream().filter(SignInOutcome::locked).count() + " refused as locked");
            row.attempt(evaluated <= ADDRESS_FAILURE_LIMIT, evaluated + " wrong sign-ins from one address were "
                    + "checked (limit " + ADDRESS_FAILURE_LIMIT + ")");
            row.attempt(errors == 0, errors + " attempts answered 5xx or not at all");
            SignInOutcome after = burst(List.<String[]>of(new String[] {a.ownerEmail, Tenant.PASSWORD}), 1).get(0);
            row.attempt(after.locked() || evaluated < ADDRESS_FAILURE_LIMIT, "after the spray, a sign-in from the "
                    + "same address → " + after.status() + " " + after.location() + " (expected the address lock)");
        });
    }

    /** A new workspace on the suite's console, signed up through the confirmation mail. */
    private Tenant signUp(String company) {
        return Tenant.signUp(d.consoleUrl, d.mail, company);
    }

    void signUpEnumeration() {
        run("sign-up", "same answer for registered and new e-mail addresses", row -> {
            Web web = new Web(d.consoleUrl);
            String fresh = Tenant.email("fresh");
            Map<String, String> base = Map.of("company", "Enum Co", "name", "Enum", "password", Tenant.PASSWORD);
            Map<String, String> taken = new LinkedHashMap<>(base);
            taken.put("email", a.ownerEmail);
            Map<String, String> free = new LinkedHashMap<>(base);
            free.put("email", fresh);
            // Both get the same redirect, then the same "check your inbox" page (the address itself masked).
            Web freeWeb = new Web(d.consoleUrl);
            Web.Answer forTaken = web.postOnce("/signup", taken);
            Web.Answer forFree = freeWeb.postOnce("/signup", free);
            boolean redirected = forTaken.status() == 302 && forTaken.header("location") != null
                    && forTaken.header("location").contains("/signup/sent");
            Web.Answer takenPage = redirected ? web.get(forTaken.header("location")) : forTaken;
            Web.Answer freePage = forFree.header("location") != null ? freeWeb.get(forFree.header("location"))
                    : forFree;
            String t = normalise(forTaken, a.ownerEmail) + " → " + normalise(takenPage, a.ownerEmail);
            String f = normalise(forFree, fresh) + " → " + normalise(freePage, fresh);
            boolean inbox = visibleText(takenPage.body()).contains("Check your inbox");
            row.attempt(redirected && inbox && t.equals(f), "registered e-mail → " + forTaken.status() + " "
                    + forTaken.header("location") + " " + Report.shorten(visibleText(takenPage.body()))
                    + " | new e-mail → " + forFree.status() + " " + forFree.header("location") + " "
                    + Report.shorten(visibleText(freePage.body())));
        });
        run("sign-up", "20 parallel sign-ups to one address: at most 3 mails", row -> {
            String target = Tenant.email("flood");
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(10);
            List<java.util.concurrent.Future<Web.Answer>> answers = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 20; i++) {
                    answers.add(pool.submit(() -> new Web(d.consoleUrl).postOnce("/signup", Map.of("company",
                            "Flood Co", "name", "Flood", "email", target, "password", Tenant.PASSWORD))));
                }
                int redirected = 0;
                for (java.util.concurrent.Future<Web.Answer> answer : answers) {
                    redirected += answer.get().status() == 302 ? 1 : 0;
                }
                Thread.sleep(1000); // the last mails on their way to the sink
                long mails = d.mail.received().stream().filter(mail -> mail.to().contains(target)).count();
                row.attempt(redirected == 20 && mails <= 3, mails + " mails to one address from 20 sign-ups ("
                        + redirected + " answered with the inbox redirect)");
            } catch (Exception e) {
                row.attempt(false, "could not run: " + e);
            } finally {
                pool.shutdown();
            }
        });
        run("sign-up", "common passwords refused", row -> {
            for (String password : List.of("password1234", "123456789012", "qwerty123456", "111111111111",
                    "passwordpassword", "iloveyou1234")) {
                String email = Tenant.email("weak");
                Web.Answer answer = new Web(d.consoleUrl).postOnce("/signup", Map.of("company", "Weak Co", "name",
                        "Weak", "email", email, "password", password));
                long members = d.count("select count(*) from members where email = ?", email);
                // Refused: the form again with its reason. Accepted: a redirect onwards (or a member at once).
                boolean refused = members == 0 && answer.status() != 302 && answer.status() < 500;
                row.attempt(refused, "password '" + password + "' accepted (" + answer.status() + " "
                        + answer.header("location") + ", " + members + " member)");
            }
        });
    }

    private static String normalise(Web.Answer answer, String email) {
        String location = answer.header("location") == null ? "" : answer.header("location");
        return answer.status() + " " + location + " " + visibleText(answer.body()).replace(email, "EMAIL");
    }

    private static String visibleText(String html) {
        return html.replaceAll("(?s)<script.*?</script>", "").replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "")
                .replaceAll("value=\"[^\"]*\"", "").replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").strip();
    }

    // ------------------------------------------------------------------------------------------------ OAuth

    void oauthCodeBinding() {
        run("oauth", "a code from another workspace's consent, with this workspace's state", row -> {
            Tenant victim = signUp("Victim " + UUID.randomUUID().toString().substring(0, 6));
            Tenant attacker = signUp("Attacker " + UUID.randomUUID().toString().substring(0, 6));
            Web.Answer victimConsent = Tenant.openConsent(victim.owner, Tenant.DANA);
            String victimState = victimConsent.input("state").orElseThrow();
            Web.Answer attackerConsent = Tenant.openConsent(attacker.owner, Tenant.MARCO);
            String attackerState = attackerConsent.input("state").orElseThrow();
            Web.Answer callback = Tenant.submitConsent(attacker.owner, attackerConsent, true);
            String location = callback.header("location");
            Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(location == null ? "" : location);
            if (!code.find()) {
                throw new IllegalStateException("no code in the sandbox's redirect: " + location);
            }
            String attackerCode = code.group(1);
            // 1. the attacker's state and code, replayed in the victim's session (state bound to its member)
            Web.Answer replay = victim.owner.get("/connect/callback?code=" + attackerCode + "&state="
                    + Web.enc(attackerState));
            long afterReplay = connections(victim.ownerEmail);
            row.attempt(afterReplay == 0 && replay.status() < 500, "the attacker's state + code in the victim's "
                    + "session connected the victim (" + afterReplay + " connections, " + replay + ")");
            // 2. the victim's own state with the attacker's code (login CSRF / code injection)
            Web.Answer injected = victim.owner.get("/connect/callback?code=" + attackerCode + "&state="
                    + Web.enc(victimState));
            long afterInjection = connections(victim.ownerEmail);
            row.attempt(afterInjection == 0 && injected.status() < 500, "the victim's state with the attacker's "
                    + "code connected the victim to the attacker's Facebook user (" + afterInjection
                    + " connections, " + injected + ")");
            row.attempt(connections(attacker.ownerEmail) == 0, "the attacker's workspace got a connection from a "
                    + "code it never redeemed itself");
        });
    }

    private long connections(String ownerEmail) {
        return d.count("select count(*) from connections c join members m on m.tenant_id = c.tenant_id "
                + "where m.email = ?", ownerEmail);
    }

    /** Tenants C and D, both connected as the same Facebook user (Priya); set up for disconnect and callbacks. */
    private Tenant priyaC;
    private Tenant priyaD;

    void disconnectIsolation() {
        run("oauth", "one workspace's disconnect leaves another's token for the same Facebook user working", row -> {
            priyaC = signUp("Shared C " + UUID.randomUUID().toString().substring(0, 6));
            priyaC.connect(Tenant.PRIYA);
            priyaD = signUp("Shared D " + UUID.randomUUID().toString().substring(0, 6));
            priyaD.connect(Tenant.PRIYA);
            long validBefore = validTokens(Tenant.PRIYA);
            Web.Answer disconnected = priyaC.owner.post("/connections/" + priyaC.connectionId + "/disconnect",
                    Map.of("confirm", "yes"));
            long validAfter = validTokens(Tenant.PRIYA);
            row.note("Priya's valid tokens at the sandbox: " + validBefore + " before, " + validAfter + " after; "
                    + "disconnect → " + disconnected);
            row.attempt(validAfter >= 1, "every token of the shared Facebook user was revoked at Meta: the other "
                    + "workspace lost access");
            Web.Answer picker = priyaD.owner.get("/connections/" + priyaD.connectionId + "/ad-accounts");
            Web.Answer status = priyaD.owner.api("GET", "/api/v1/connection", null);
            String connection = status.json().path("status").asString("");
            row.attempt(picker.status() == 200 && connection.equals("active"), "the other workspace's connection is "
                    + connection + " (picker " + picker + ")");
        });
    }

    private long validTokens(String user) {
        long valid = 0;
        for (JsonNode token : d.control("GET", "/_sandbox/state", null).path("tokens").path("shown")) {
            if (token.path("user_id").asString().equals(user) && token.path("state").asString().equals("valid")) {
                valid++;
            }
        }
        return valid;
    }

    // ------------------------------------------------------------------------------------------------ TLS, callbacks

    void tlsAndCallbacks() {
        run("tls", "behind an https proxy (X-Forwarded-Proto: https): Secure session cookie and HSTS", row -> {
            Web web = new Web(d.consoleUrl).header("X-Forwarded-Proto", "https");
            Web.Answer page = web.get("/signin");
            String token = page.input("_csrf").orElseThrow();
            Web.Answer signedIn = web.postRawOnce("/signin", Map.of("email", a.ownerEmail, "password",
                    Tenant.PASSWORD, "_csrf", token));
            List<String> cookies = new ArrayList<>(page.headers("set-cookie"));
            cookies.addAll(signedIn.headers("set-cookie"));
            List<String> session = cookies.stream().filter(c -> c.matches("(?i)^(SESSION|JSESSIONID)=.*")).toList();
            row.note("sign-in → " + signedIn.status() + " " + signedIn.header("location") + "; cookies: "
                    + cookies.stream().map(c -> c.replaceAll("=[^;]*", "=…")).toList());
            row.attempt(!session.isEmpty() && session.stream().allMatch(c -> c.toLowerCase().contains("secure")),
                    "session cookie without Secure: " + session.stream().map(c -> c.replaceAll("=[^;]*", "=…"))
                            .toList());
            String hsts = page.header("strict-transport-security");
            row.attempt(hsts != null && hsts.contains("max-age"), "no Strict-Transport-Security header on an "
                    + "https request (got " + hsts + ")");
        });
        run("tls", "Meta callbacks signed with the app secret but older than the window", row -> {
            if (priyaD == null) {
                priyaD = signUp("Callbacks " + UUID.randomUUID().toString().substring(0, 6));
                priyaD.connect(Tenant.PRIYA);
            }
            long dayAgo = Instant.now().minus(Duration.ofDays(1)).getEpochSecond();
            for (String path : List.of("/meta/deauthorize", "/meta/data-deletion")) {
                Map<String, Object> payload = new LinkedHashMap<>();
                payload.put("algorithm", "HMAC-SHA256");
                payload.put("issued_at", dayAgo);
                payload.put("user_id", Tenant.PRIYA);
                String signed = SignedRequest.sign(payload, d.appSecret);
                Web.Answer answer = new Web(d.consoleUrl).postRawOnce(path, Map.of("signed_request", signed));
                row.attempt(answer.status() >= 400 && answer.status() < 500, "a day-old signed_request to " + path
                        + " → " + answer.status() + " " + Report.shorten(answer.body()));
            }
            String status = d.count("select count(*) from connections where id = cast(? as uuid) and upper(status) = "
                    + "'ACTIVE'", priyaD.connectionId) == 1 ? "active" : "not active";
            row.attempt(status.equals("active"), "the replayed callbacks revoked or erased a live connection");
        });
    }

    // ------------------------------------------------------------------------------------------------ idempotency

    void idempotencyUnderFaults(Duration mcpTimeout) {
        run("idempotency", "create slower than the console's MCP timeout, then retried with the same key", row -> {
            String name = "sec-idem-" + UUID.randomUUID().toString().substring(0, 8);
            String key = "sec-" + UUID.randomUUID();
            String body = Web.JSON.writeValueAsString(Map.of("name", name, "objective", "OUTCOME_TRAFFIC",
                    "status", "PAUSED", "special_ad_categories", List.of()));
            long latency = mcpTimeout.toMillis() + 3000;
            d.control("POST", "/_sandbox/faults", "{\"kind\":\"latency\",\"path\":\"" + a.account
                    + "/campaigns\",\"method\":\"POST\",\"latency_ms\":" + latency + ",\"count\":1}");
            String path = "/api/v1/ad-accounts/" + a.account + "/campaigns";
            Map<String, String> headers = Map.of("Idempotency-Key", key);
            Web.Answer first = a.owner.withKey(a.writeKey, "POST", path, body, headers);
            Deployment.sleep(latency + 1500);
            Web.Answer second = a.owner.withKey(a.writeKey, "POST", path, body, headers);
            Web.Answer third = a.owner.withKey(a.writeKey, "POST", path, body, headers);
            d.control("DELETE", "/_sandbox/faults", null);
            int created = countNamed(a.account, name);
            row.note("first " + first.status() + " after " + first.millis() + " ms, retry " + second.status() + " "
                    + Report.shorten(second.body()) + ", again " + third.status());
            row.attempt(created == 1, created + " campaigns named " + name + " on Meta after one create and two "
                    + "retries with the same Idempotency-Key (first " + first.status() + " "
                    + Report.shorten(first.body()) + "; retry " + second.status() + " " + Report.shorten(second.body())
                    + ")");
            row.attempt(second.status() < 500 || created == 0, "the retry answered " + second.status()
                    + " although the campaign exists on Meta");
        });
    }

    private int countNamed(String account, String name) {
        int count = 0;
        String after = null;
        for (int page = 0; page < 40; page++) {
            JsonNode answer = d.graph(Tenant.DANA, "/" + account + "/campaigns?fields=name&limit=200"
                    + (after == null ? "" : "&after=" + Web.enc(after)));
            for (JsonNode campaign : answer.path("data")) {
                if (name.equals(campaign.path("name").asString())) {
                    count++;
                }
            }
            after = answer.path("paging").path("cursors").path("after").asString(null);
            if (after == null || answer.path("paging").path("next").isMissingNode()) {
                break;
            }
        }
        return count;
    }

    // ------------------------------------------------------------------------------------------------ request size

    void requestSize() {
        run("request size", "a 30 MB body to the console", row -> {
            long before = d.console.rssKb();
            int port = URI.create(d.consoleUrl).getPort();
            long size = 30L * 1024 * 1024;
            String boundary = "----sec" + UUID.randomUUID().toString().replace("-", "");
            List<Object[]> bodies = List.of(
                    new Object[] {"JSON create campaign", "/api/v1/ad-accounts/" + a.account + "/campaigns",
                            "application/json", "{\"objective\":\"OUTCOME_TRAFFIC\",\"name\":\"", "\"}"},
                    new Object[] {"image upload", "/api/v1/ad-accounts/" + a.account + "/images",
                            "multipart/form-data; boundary=" + boundary, "--" + boundary + "\r\nContent-Disposition: "
                            + "form-data; name=\"file\"; filename=\"big.png\"\r\nContent-Type: image/png\r\n\r\n",
                            "\r\n--" + boundary + "--\r\n"},
                    new Object[] {"sign-in form", "/signin", "application/x-www-form-urlencoded", "password=x&email=",
                            ""});
            for (Object[] body : bodies) {
                Map<String, String> headers = new LinkedHashMap<>();
                headers.put("Content-Type", (String) body[2]);
                if (!body[1].equals("/signin")) {
                    headers.put("Authorization", "Bearer " + a.writeKey);
                }
                int status = Web.rawPost(port, (String) body[1], headers, ((String) body[3]).getBytes(), size,
                        ((String) body[4]).getBytes(), Duration.ofSeconds(60));
                row.attempt(status == 413, "30 MB " + body[0] + " (" + body[1] + ") → "
                        + (status < 0 ? "no HTTP answer" : status));
            }
            long after = d.console.rssKb();
            row.note(String.format("console RSS %d MB before, %d MB after", before / 1024, after / 1024));
            row.attempt(d.console.process().isAlive() && d.status(d.consoleUrl + "/signin") == 200,
                    "the console is down after the big bodies");
            row.attempt(after < before + 200 * 1024, String.format("console RSS grew from %d to %d MB",
                    before / 1024, after / 1024));
        });
        run("request size", "8 parallel 8 MB bodies to the MCP server", row -> {
            long before = d.mcp.rssKb();
            byte[] head = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":"
                    + "\"get_campaigns\",\"arguments\":{\"account_id\":\"act_1000000002\",\"padding\":\"").getBytes();
            byte[] tail = "\"}}}".getBytes();
            Map<String, String> headers = Map.of("Content-Type", "application/json", "Accept",
                    "application/json, text/event-stream", "Authorization", "Bearer EAAnotarealtoken");
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> Web.rawPost(d.mcpPort, "/mcp", headers, head, 8L * 1024 * 1024, tail,
                        Duration.ofSeconds(60))));
            }
            for (Future<Integer> answer : answers) {
                int status;
                try {
                    status = answer.get(90, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    status = -1;
                }
                row.attempt(status == 413, "8 MB to the MCP server → " + (status < 0 ? "no HTTP answer" : status));
            }
            pool.shutdownNow();
            long after = d.mcp.rssKb();
            row.note(String.format("MCP server RSS %d MB before, %d MB after", before / 1024, after / 1024));
            row.attempt(d.mcp.process().isAlive() && d.status("http://127.0.0.1:" + d.mcpPort + "/healthz") == 200,
                    "the MCP server is down after the big bodies");
            row.attempt(after < before + 150 * 1024, String.format("MCP server RSS grew from %d to %d MB",
                    before / 1024, after / 1024));
        });
    }

    // ------------------------------------------------------------------------------------------------ bad input

    void badInput() {
        run("bad input", "NUL bytes and wrong JSON types at the console → 4xx, never 5xx", row -> {
            String nul = "a\u0000b";
            List<Object[]> forms = List.of(
                    new Object[] {"sign-in", (java.util.function.Supplier<Web.Answer>) () -> new Web(d.consoleUrl)
                            .postOnce("/signin", Map.of("email", "x" + nul + "@example.test", "password", nul))},
                    new Object[] {"sign-up", (java.util.function.Supplier<Web.Answer>) () -> new Web(d.consoleUrl)
                            .postOnce("/signup", Map.of("company", nul, "name", nul, "email", Tenant.email("n")
                                    .replace("@", nul + "@"), "password", Tenant.PASSWORD + nul))},
                    new Object[] {"invite", (java.util.function.Supplier<Web.Answer>) () -> a.owner.postOnce(
                            "/team/invitations", Map.of("email", "in" + nul + "@example.test", "role", "ANALYST"))},
                    new Object[] {"connect callback", (java.util.function.Supplier<Web.Answer>) () -> a.owner.getOnce(
                            "/connect/callback?code=%00&state=%00")});
            for (Object[] form : forms) {
                Web.Answer answer;
                try {
                    @SuppressWarnings("unchecked")
                    Web.Answer got = ((java.util.function.Supplier<Web.Answer>) form[1]).get();
                    answer = got;
                } catch (Web.UncheckedIO e) {
                    row.attempt(false, form[0] + " with NUL bytes → no HTTP answer (" + e.getMessage() + ")");
                    continue;
                }
                row.attempt(answer.status() < 500, form[0] + " with NUL bytes → " + answer.status() + " "
                        + Report.shorten(answer.body()));
            }
            List<String[]> api = List.of(
                    new String[] {"POST", "/api/v1/api-keys", "{\"name\":\"a\\u0000b\",\"scope\":\"read\"}"},
                    new String[] {"GET", "/api/v1/audit?actor=%00", null},
                    new String[] {"GET", "/api/v1/audit?target=a%00b&action=%00", null},
                    new String[] {"GET", "/api/v1/audit?from=%00&to=%00", null},
                    new String[] {"GET", "/api/v1/audit.csv?actor=%00", null},
                    new String[] {"POST", "/api/v1/ad-accounts/" + a.account + "/ads",
                            "{\"name\":\"x\",\"adset_id\":[\"" + a.adSetId + "\"],\"creative_id\":{\"id\":\"1\"}}"},
                    new String[] {"POST", "/api/v1/campaigns/" + a.campaignId + "/status", "{\"status\":[\"PAUSED\"]}"},
                    new String[] {"POST", "/api/v1/campaigns/" + a.campaignId + "/budget",
                            "{\"daily_budget\":[\"1000\"]}"},
                    new String[] {"GET", "/api/v1/insights?object_id=%00&date_preset=last_7d", null},
                    new String[] {"GET", "/api/v1/campaigns/%00", null},
                    new String[] {"POST", "/api/v1/ad-accounts/" + a.account + "/campaigns", "[\"not\",\"an\",\"object\"]"});
            for (String[] call : api) {
                Web.Answer answer;
                try {
                    answer = call[0].equals("POST") && call[1].equals("/api/v1/api-keys")
                            ? a.owner.api(call[0], call[1], call[2])
                            : a.owner.withKey(call[1].startsWith("/api/v1/audit") ? a.readKey : a.writeKey, call[0],
                                    call[1], call[2], Map.of());
                } catch (Web.UncheckedIO e) {
                    row.attempt(false, call[0] + " " + call[1] + " → no HTTP answer (" + e.getMessage() + ")");
                    continue;
                }
                row.attempt(answer.status() >= 400 && answer.status() < 500, call[0] + " " + call[1]
                        + (call[2] == null ? "" : " " + call[2]) + " → " + answer.status() + " "
                        + Report.shorten(answer.body()));
            }
        });
        run("bad input", "MCP: tools/call without params, an array where a string id is expected", row -> {
            for (String body : List.of(
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\"}",
                    "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":null}",
                    "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"get_campaigns\","
                            + "\"arguments\":{\"account_id\":[\"act_1000000002\"]}}}",
                    "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":[\"get_campaigns\"]}}",
                    "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"get_campaign\","
                            + "\"arguments\":{\"campaign_id\":{\"id\":\"1\"}}}}",
                    "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/call\",\"params\":{\"name\":\"get_insights\","
                            + "\"arguments\":\"a\\u0000b\"}}")) {
                String token = d.control("POST", "/_sandbox/tokens", "{}").path("access_token").asString();
                try {
                    var response = d.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + d.mcpPort
                                    + "/mcp")).header("Content-Type", "application/json")
                            .header("Accept", "application/json, text/event-stream")
                            .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(20))
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
                    boolean refused = response.statusCode() >= 400 && response.statusCode() < 500
                            || response.statusCode() == 200 && (response.body().contains("\"error\"")
                                    || response.body().contains("\"isError\":true"));
                    row.attempt(refused, body + " → " + response.statusCode() + " "
                            + Report.shorten(response.body()));
                } catch (Exception e) {
                    row.attempt(false, body + " → no answer: " + e);
                }
            }
        });
    }

    // ------------------------------------------------------------------------------------------------ secrets in logs

    void secretsInLogs() {
        run("secrets in logs", "connect flow with the console and MCP server at DEBUG", row -> {
            d.mcp.kill();
            d.startMcp(true);
            int port = Deployment.freePort();
            Deployment.Role debugConsole = d.startConsole(port, 5432, true);
            String base = "http://127.0.0.1:" + port;
            try {
                Tenant g = Tenant.signUp(base, d.mail, "Logs " + UUID.randomUUID().toString().substring(0, 6));
                Web.Answer consent = Tenant.openConsent(g.owner, Tenant.DANA);
                String state = consent.input("state").orElseThrow();
                Web.Answer callback = Tenant.submitConsent(g.owner, consent, true);
                String location = callback.header("location");
                Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(location);
                if (!code.find()) {
                    throw new IllegalStateException("no code in " + location);
                }
                Web.Answer picker = g.owner.get(location);
                Matcher id = Pattern.compile("/connections/([0-9a-f-]{36})/").matcher(picker.path());
                if (!id.find()) {
                    throw new IllegalStateException("connect failed: " + picker);
                }
                g.connectionId = id.group(1);
                g.choose(a.account);
                String apiKey = g.createKey("logs", "read").path("key").asString();
                Web.Answer campaigns = g.key(apiKey, "GET", "/api/v1/ad-accounts/" + a.account
                        + "/campaigns?limit=3", null);
                row.note("debug console read campaigns → " + campaigns.status());
                Deployment.sleep(1000);
                Map<String, String> secrets = new LinkedHashMap<>();
                secrets.put("app secret", d.appSecret);
                secrets.put("OAuth code", java.net.URLDecoder.decode(code.group(1),
                        java.nio.charset.StandardCharsets.UTF_8));
                secrets.put("OAuth state", state);
                secrets.put("API key", apiKey);
                Pattern metaToken = Pattern.compile("EAA[A-Za-z0-9]{40,}");
                for (Deployment.Role role : List.of(debugConsole, d.mcp)) {
                    String output = role.output();
                    row.note(role.name() + " wrote " + output.length() / 1024 + " KB of DEBUG log");
                    for (Map.Entry<String, String> secret : secrets.entrySet()) {
                        row.attempt(!output.contains(secret.getValue()), "the " + secret.getKey() + " is in the "
                                + role.name() + "'s log: " + context(output, secret.getValue()));
                    }
                    Matcher token = metaToken.matcher(output);
                    row.attempt(!token.find(), "a Meta access token is in the " + role.name() + "'s log: "
                            + (token.hitEnd() ? "" : context(output, token.group())));
                }
            } finally {
                debugConsole.kill();
                d.mcp.kill();
                d.startMcp(false);
            }
        });
    }

    /** The log line around a secret, with the secret itself masked. */
    private static String context(String output, String secret) {
        int at = output.indexOf(secret);
        if (at < 0) {
            return "";
        }
        int start = output.lastIndexOf('\n', at) + 1;
        int end = output.indexOf('\n', at);
        String line = output.substring(start, end < 0 ? output.length() : end).replace(secret,
                secret.substring(0, Math.min(4, secret.length())) + "…");
        return "`" + Report.shorten(line).replace("`", "'") + "`";
    }

    // ------------------------------------------------------------------------------------------------ outages

    void outages() {
        String read = "/api/v1/ad-accounts/" + a.account + "/campaigns?limit=";
        run("outages", "Redis unreachable (partition): the API still answers within 3 s", row -> {
            d.redisProxy.blackhole();
            try {
                for (int i = 0; i < 3; i++) {
                    timed(row, "Redis cut: GET campaigns", read + (11 + i), 3500, List.of(200, 429, 503));
                }
            } finally {
                d.redisProxy.heal();
            }
            recovers(row, "Redis back", read + "20");
        });
        run("outages", "PostgreSQL unreachable (partition): 503 within 3 s, then recovery", row -> {
            d.pgProxy.blackhole();
            try {
                timed(row, "PostgreSQL cut: GET ad accounts", "/api/v1/ad-accounts", 3500, List.of(503));
                timed(row, "PostgreSQL cut: GET campaigns", read + "21", 3500, List.of(503));
            } finally {
                d.pgProxy.heal();
            }
            recovers(row, "PostgreSQL back", "/api/v1/ad-accounts");
        });
        run("outages", "MCP server killed: 503 quickly, then recovery after a restart", row -> {
            d.mcp.kill();
            try {
                timed(row, "MCP down: GET campaigns", read + "22", 3500, List.of(503));
                timed(row, "MCP down: GET campaign", "/api/v1/campaigns/" + a.campaignId + "?fields=name", 3500,
                        List.of(503));
            } finally {
                d.startMcp(false);
            }
            recovers(row, "MCP server back", read + "23");
        });
    }

    private void timed(Report.Row row, String what, String path, long limitMillis, List<Integer> statuses) {
        Web client = new Web(d.consoleUrl).timeout(Duration.ofSeconds(20));
        try {
            Web.Answer answer = client.withKey(a.readKey, "GET", path, null, Map.of());
            row.attempt(answer.millis() <= limitMillis && statuses.contains(answer.status()), what + " → "
                    + answer.status() + " after " + answer.millis() + " ms (wanted " + statuses + " within "
                    + limitMillis + " ms) " + Report.shorten(answer.body()));
        } catch (Web.UncheckedIO e) {
            row.attempt(false, what + " → no answer after " + e.millis + " ms (" + e.getMessage() + ")");
        }
    }

    private void recovers(Report.Row row, String what, String path) {
        long start = System.currentTimeMillis();
        int status = -1;
        while (System.currentTimeMillis() - start < 40_000) {
            try {
                status = new Web(d.consoleUrl).timeout(Duration.ofSeconds(10))
                        .withKey(a.readKey, "GET", path, null, Map.of()).status();
                if (status == 200) {
                    break;
                }
            } catch (Web.UncheckedIO e) {
                status = -1;
            }
            Deployment.sleep(500);
        }
        long took = System.currentTimeMillis() - start;
        row.note(what + ": 200 again after " + took + " ms");
        row.attempt(status == 200, what + ": still " + status + " after " + took + " ms");
    }
}
