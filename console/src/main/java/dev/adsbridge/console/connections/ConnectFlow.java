package dev.adsbridge.console.connections;

import dev.adsbridge.console.ConsoleProperties;
import dev.adsbridge.console.ConsoleUrls;
import dev.adsbridge.console.tenancy.Member;
import dev.adsbridge.console.vault.SealedToken;
import dev.adsbridge.console.vault.TokenVault;
import dev.adsbridge.graph.GraphClient;
import dev.adsbridge.graph.GraphException;
import dev.adsbridge.graph.MetaOAuth;
import dev.adsbridge.graph.TokenDebugInfo;
import dev.adsbridge.graph.TokenGrant;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * "Connect Facebook Ads": {@link #start} sends the member to Meta's login dialog with a fresh state and the S256
 * challenge of a fresh PKCE verifier (stored, sealed, with the state); {@link #complete} handles the return: state,
 * cancellation, code exchange with that verifier (so a code from any other flow, another tenant's included, is refused
 * by Meta), long-lived exchange, debug_token, the expected Facebook user on a reconnect, required scopes, then stores
 * the connection (sealed token) or nothing at all.
 */
@Service
public class ConnectFlow {

    private static final Logger log = LoggerFactory.getLogger(ConnectFlow.class);
    private static final String START_AGAIN = " Start again with “Connect Facebook Ads”.";
    /** What a pasted Meta token may hold: Meta's tokens are letters and digits (a few other URL-safe characters). */
    private static final java.util.regex.Pattern PASTED_TOKEN = java.util.regex.Pattern.compile("[A-Za-z0-9_.\\-]+");

    private final OAuthStates states;
    private final ConnectionRepository repository;
    private final ConnectionLifecycle lifecycle;
    private final MetaOAuth oauth;
    private final GraphClient graph;
    private final TokenVault vault;
    private final ConsoleProperties.Meta meta;
    private final ConsoleUrls urls;
    private final Clock clock;

    ConnectFlow(OAuthStates states, ConnectionRepository repository, ConnectionLifecycle lifecycle, MetaOAuth oauth,
            GraphClient graph, TokenVault vault, ConsoleProperties properties, ConsoleUrls urls, Clock clock) {
        this.states = states;
        this.repository = repository;
        this.lifecycle = lifecycle;
        this.oauth = oauth;
        this.graph = graph;
        this.vault = vault;
        this.meta = properties.meta();
        this.urls = urls;
        this.clock = clock;
    }

    /**
     * The login dialog URL for a new connection, or for reconnecting {@code reconnect} (which must be the member's
     * tenant's).
     */
    public URI start(Member member, @Nullable UUID reconnect) {
        member.requireWrite();
        if (reconnect != null) {
            repository.find(member.tenantId(), reconnect)
                    .orElseThrow(() -> new dev.adsbridge.console.NotFoundException("Connection"));
        }
        OAuthStates.Started started = states.issue(member.tenantId(), member.id(), reconnect, clock.instant());
        String redirectUri = urls.connectCallback();
        URI dialog = meta.configId() != null
                ? oauth.businessLoginDialogUrl(redirectUri, started.state(), meta.configId(), started.codeChallenge())
                : oauth.dialogUrl(redirectUri, started.state(), meta.scopes(), started.codeChallenge());
        // Facebook's dialog does not ask again for a permission the person declined before unless the app says
        // auth_type=rerequest: without it, a reconnect after a declined permission could never succeed.
        return URI.create(dialog + "&auth_type=rerequest");
    }

    /**
     * Handles the dialog's redirect back to {@code /connect/callback}. Stores a connection only when all is well; a
     * refusal is published as {@link ConnectionRefused} (audited).
     */
    public ConnectOutcome complete(Member member, @Nullable String state, @Nullable String code,
            @Nullable String error, @Nullable String errorReason, @Nullable String errorDescription) {
        member.requireWrite();
        ConnectOutcome outcome = outcome(member, state, code, error, errorReason, errorDescription);
        if (!outcome.succeeded()) {
            lifecycle.refused(member.tenantId(), member.id(), String.valueOf(outcome.problem()));
        }
        return outcome;
    }

    private ConnectOutcome outcome(Member member, @Nullable String state, @Nullable String code,
            @Nullable String error, @Nullable String errorReason, @Nullable String errorDescription) {
        if (state == null || state.isBlank()) {
            return ConnectOutcome.failed("Facebook's answer could not be matched to your request (it carried no "
                    + "state), so nothing was connected." + START_AGAIN);
        }
        OAuthStates.Issued issued = states.consume(state, member.tenantId(), member.id(), clock.instant());
        switch (issued.check()) {
            case UNKNOWN:
                return ConnectOutcome.failed("Facebook's answer could not be matched to a request of yours (unknown "
                        + "state), so nothing was connected." + START_AGAIN);
            case USED:
                return ConnectOutcome.failed("This Facebook answer was already used (a connect link works once), "
                        + "so nothing was connected." + START_AGAIN);
            case EXPIRED:
                return ConnectOutcome.failed("The connect request expired (it is valid for 10 minutes), so nothing "
                        + "was connected." + START_AGAIN);
            case OTHER_MEMBER:
                return ConnectOutcome.failed("This Facebook answer belongs to a request started by someone else, so "
                        + "nothing was connected." + START_AGAIN);
            case VALID:
                break;
        }
        if (error != null) {
            if ("access_denied".equals(error) || "user_denied".equals(errorReason)) {
                return ConnectOutcome.failed("You cancelled on Facebook, so nothing was connected. Connect again "
                        + "when you are ready.");
            }
            return ConnectOutcome.failed("Facebook answered with an error (" + error
                    + (errorDescription == null ? "" : ": " + errorDescription) + "), so nothing was connected.");
        }
        if (code == null || code.isBlank()) {
            return ConnectOutcome.failed("Facebook's answer carried no authorization code, so nothing was connected."
                    + START_AGAIN);
        }
        if (issued.codeVerifier() == null) {
            // A state issued before PKCE was introduced: its code could come from any flow, so it is not trusted.
            return ConnectOutcome.failed("This connect request was started before an update and cannot be "
                    + "completed, so nothing was connected." + START_AGAIN);
        }
        try {
            return connect(member, issued.connectionId(), code, issued.codeVerifier());
        } catch (GraphException e) {
            // Meta's messages never carry tokens or codes (the graph client masks them).
            log.info("Connect for tenant {} refused by Meta: code {} subcode {}", member.tenantId(),
                    e.error().code(), e.error().subcode());
            if (e.error().code() == 100 && String.valueOf(e.error().message()).contains("code_verifier")) {
                // PKCE: the code was issued for another flow's challenge (another request, another workspace).
                return ConnectOutcome.failed("Facebook's answer belongs to a different connect request than the one "
                        + "you started, so nothing was connected." + START_AGAIN);
            }
            return ConnectOutcome.failed("Facebook refused the connection: " + e.getMessage()
                    + ". Nothing was connected." + START_AGAIN);
        }
    }

    private ConnectOutcome connect(Member member, @Nullable UUID reconnect, String code, String codeVerifier) {
        TokenGrant shortLived = oauth.exchangeCode(code, urls.connectCallback(), codeVerifier);
        TokenGrant longLived = oauth.exchangeForLongLived(shortLived.accessToken());
        String token = longLived.accessToken();
        TokenDebugInfo info = oauth.debugToken(token);
        if (!info.isValid()) {
            return ConnectOutcome.failed("Facebook says the new token is not valid"
                    + info.error().map(e -> " (" + e.message() + ")").orElse("") + ", so nothing was connected."
                    + START_AGAIN);
        }
        if (meta.appId() != null && !meta.appId().equals(info.appId())) {
            return ConnectOutcome.failed("The token belongs to another Facebook app, so nothing was connected.");
        }
        String facebookUserId = info.userId();
        if (facebookUserId == null || facebookUserId.isBlank()) {
            return ConnectOutcome.failed("Facebook did not say which user signed in, so nothing was connected.");
        }
        List<String> missing = meta.requiredScopes().stream().filter(s -> !info.scopes().contains(s)).toList();
        if (!missing.isEmpty()) {
            return ConnectOutcome.failed("Facebook did not grant " + String.join(", ", missing)
                    + ", which AdsBridge needs, so nothing was connected. Connect again and keep "
                    + (missing.size() == 1 ? "that permission" : "those permissions") + " selected.");
        }

        UUID id;
        boolean reconnected;
        if (reconnect != null) {
            Optional<Connection> existing = repository.find(member.tenantId(), reconnect);
            if (existing.isEmpty()) {
                return ConnectOutcome.failed("The connection to reconnect no longer exists, so nothing was stored.");
            }
            if (!existing.get().facebookUserId().equals(facebookUserId)) {
                return ConnectOutcome.failed("You signed in as a different Facebook user than the one this "
                        + "connection belongs to (" + existing.get().displayName() + "), so nothing was changed. "
                        + "Reconnect as that user, or use “Connect Facebook Ads” for a new connection.");
            }
            id = reconnect;
            reconnected = true;
        } else {
            Optional<Connection> sameUser = repository.findByFacebookUser(member.tenantId(), info.appId(),
                    facebookUserId);
            id = sameUser.map(Connection::id).orElseGet(UUID::randomUUID);
            reconnected = sameUser.isPresent();
        }
        SealedToken sealed = vault.seal(member.tenantId(), id, token);
        lifecycle.established(member.tenantId(), id, info.appId(), facebookUserId, facebookUserName(token),
                sealed, info.scopes(), info.expiresAt().orElse(expiryOf(longLived)),
                info.dataAccessExpiresAt().orElse(null), reconnected, member.id(), ConnectionKind.FACEBOOK_LOGIN,
                info.type(), null, Map.of());
        return ConnectOutcome.connected(id, reconnected);
    }

    /**
     * "Paste a token" (owners only): a Meta token made elsewhere, typically an agency's business system-user token
     * (Business settings → System users → Generate new token), instead of the login dialog. Checked with
     * {@code debug_token}: valid, issued to this app, a user or system-user token, with {@code ads_read} (and
     * {@code ads_management} to change ads; without it the connection only reads, and the member is told so); a token
     * that never expires ({@code expires_at: 0}) is stored without an expiry, so expiry warnings skip it. Then it
     * lives in the vault like a token from the dialog; a token of a Facebook user or system user this workspace
     * already connected replaces that connection's token in place. The token is never shown, logged or put in an
     * error; a refusal stores nothing and is audited.
     */
    public ConnectOutcome connectWithToken(Member member, @Nullable String pasted) {
        member.requireTeamManagement();
        ConnectOutcome outcome;
        try {
            outcome = pasted(member, pasted == null ? "" : pasted.strip());
        } catch (GraphException e) {
            log.info("A pasted token for tenant {} could not be checked: code {} subcode {}", member.tenantId(),
                    e.error().code(), e.error().subcode());
            outcome = ConnectOutcome.failed("Facebook could not check the token just now (" + e.getMessage()
                    + "). Nothing was connected; try again in a moment.");
        }
        if (!outcome.succeeded()) {
            String token = pasted == null ? "" : pasted.strip();
            if (token.length() >= 8 && String.valueOf(outcome.problem()).contains(token)) {
                outcome = ConnectOutcome.failed(String.valueOf(outcome.problem()).replace(token, "[token]"));
            }
            lifecycle.refused(member.tenantId(), member.id(), String.valueOf(outcome.problem()));
        }
        return outcome;
    }

    private ConnectOutcome pasted(Member member, String token) {
        if (token.isEmpty()) {
            return ConnectOutcome.failed("Paste a Facebook access token: nothing was connected.");
        }
        if (token.length() < 20 || token.length() > 2048 || !PASTED_TOKEN.matcher(token).matches()) {
            return ConnectOutcome.failed("That does not look like a Facebook access token (letters and digits, "
                    + "usually starting with EAA). Nothing was connected.");
        }
        TokenDebugInfo info = oauth.debugToken(token);
        if (!info.isValid()) {
            return ConnectOutcome.failed("Facebook says this token is not valid"
                    + info.error().map(e -> " (" + e.message() + ")").orElse("") + ", so nothing was connected. "
                    + "Make a new token and paste it again.");
        }
        if (meta.appId() == null || !meta.appId().equals(info.appId())) {
            return ConnectOutcome.failed("This token was made for another Facebook app, so AdsBridge cannot use it. "
                    + "Make the token for the app " + (meta.appId() == null ? "AdsBridge uses" : meta.appId())
                    + " (in Business settings → System users, choose that app). Nothing was connected.");
        }
        if (!"USER".equals(info.type()) && !"SYSTEM_USER".equals(info.type())) {
            return ConnectOutcome.failed("This is " + (info.type() == null ? "not a user token"
                    : "a " + info.type().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " token")
                    + ": paste a user or system-user token. Nothing was connected.");
        }
        String facebookUserId = info.userId();
        if (facebookUserId == null || facebookUserId.isBlank()) {
            return ConnectOutcome.failed("Facebook did not say whose token this is, so nothing was connected.");
        }
        if (!info.scopes().contains("ads_read") && !info.scopes().contains("ads_management")) {
            return ConnectOutcome.failed("This token lacks the ads_read permission, which AdsBridge needs to read "
                    + "ads, so nothing was connected. Make a token with ads_read (and ads_management to change ads).");
        }
        String notice = info.scopes().contains("ads_management") ? null : "This token has ads_read but not "
                + "ads_management: AdsBridge can read these ads, and Facebook will refuse changes.";
        Optional<Connection> sameUser = repository.findByFacebookUser(member.tenantId(), info.appId(),
                facebookUserId);
        UUID id = sameUser.map(Connection::id).orElseGet(UUID::randomUUID);
        Instant expiresAt = info.expiresAt().orElse(null);
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("method", "manual_token");
        details.put("token_type", info.type());
        details.put("expires", expiresAt == null ? "never" : expiresAt.toString());
        SealedToken sealed = vault.seal(member.tenantId(), id, token);
        lifecycle.established(member.tenantId(), id, info.appId(), facebookUserId, facebookUserName(token), sealed,
                info.scopes(), expiresAt, info.dataAccessExpiresAt().orElse(null), sameUser.isPresent(), member.id(),
                ConnectionKind.MANUAL_TOKEN, info.type(), null, details);
        return ConnectOutcome.connected(id, sameUser.isPresent(), notice);
    }

    private @Nullable Instant expiryOf(TokenGrant grant) {
        return grant.expiresIn() == null ? null : clock.instant().plus(grant.expiresIn());
    }

    private @Nullable String facebookUserName(String token) {
        try {
            JsonNode me = graph.get(token, "me", Map.of("fields", "id,name")).body();
            JsonNode name = me.path("name");
            return name.isString() ? name.asString() : null;
        } catch (GraphException e) {
            return null;
        }
    }
}
