package dev.adsbridge.console.connections;

import dev.adsbridge.console.ConsoleProperties;
import dev.adsbridge.console.tenancy.Member;
import dev.adsbridge.console.vault.SealedToken;
import dev.adsbridge.console.vault.TokenVault;
import dev.adsbridge.meta.Hashes;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * "A hosted Meta Ads MCP server + its credential" as a tenant's connection (owners only), instead of a Meta token: the
 * console then sends that tenant's MCP calls (its pages, the REST API and its agents) to that server with
 * {@code Authorization: Bearer <credential>}. The address must be {@code https://} to a public host (with
 * {@code remote-mcp.allow-local}, as in dev mode: also {@code http://} on loopback, and private addresses); no user
 * info, query or fragment (a credential belongs in the credential field, which is sealed by the vault and never
 * shown). Before anything is stored the server must answer AdsBridge's tools with the credential
 * ({@link RemoteMcpCheck}). Connecting the same address again replaces its credential in place.
 */
@Service
public class RemoteMcpConnections {

    /** What {@code connections.meta_app_id} holds for a hosted MCP server (no Meta app is involved). */
    static final String APP_ID = "mcp";
    private static final Pattern CREDENTIAL = Pattern.compile("[\\x21-\\x7E]{8,4096}");

    private final ConnectionRepository repository;
    private final ConnectionLifecycle lifecycle;
    private final TokenVault vault;
    private final List<RemoteMcpCheck> checks;
    private final boolean allowLocal;

    RemoteMcpConnections(ConnectionRepository repository, ConnectionLifecycle lifecycle, TokenVault vault,
            List<RemoteMcpCheck> checks, ConsoleProperties console, RemoteMcpProperties properties) {
        this.repository = repository;
        this.lifecycle = lifecycle;
        this.vault = vault;
        this.checks = List.copyOf(checks);
        this.allowLocal = console.devMode() || properties.allowLocal();
    }

    /** Connects (or re-keys) a hosted MCP server; a refusal stores nothing and is audited. */
    public ConnectOutcome connect(Member member, @Nullable String address, @Nullable String credential) {
        member.requireTeamManagement();
        ConnectOutcome outcome = outcome(member, address == null ? "" : address.strip(),
                credential == null ? "" : credential.strip());
        if (!outcome.succeeded()) {
            lifecycle.refused(member.tenantId(), member.id(), String.valueOf(outcome.problem()));
        }
        return outcome;
    }

    private ConnectOutcome outcome(Member member, String address, String credential) {
        URI server;
        try {
            server = server(address);
        } catch (IllegalArgumentException e) {
            return ConnectOutcome.failed(e.getMessage() + " Nothing was connected.");
        }
        if (!CREDENTIAL.matcher(credential).matches()) {
            return ConnectOutcome.failed("Paste the server's credential (its API key or token: 8 to 4096 "
                    + "characters, no spaces). Nothing was connected.");
        }
        for (RemoteMcpCheck check : checks) {
            String problem = check.problem(server, credential);
            if (problem != null) {
                // A server's own words might repeat what it was sent: never the credential.
                return ConnectOutcome.failed(problem.replace(credential, "[credential]") + " Nothing was connected.");
            }
        }
        String url = server.toString();
        String key = "mcp:" + Hashes.sha256Hex(url).substring(0, 40);
        Optional<Connection> same = repository.findByFacebookUser(member.tenantId(), APP_ID, key);
        UUID id = same.map(Connection::id).orElseGet(UUID::randomUUID);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("method", "remote_mcp");
        details.put("mcp_server", url);
        SealedToken sealed = vault.seal(member.tenantId(), id, credential);
        lifecycle.established(member.tenantId(), id, APP_ID, key, "Hosted MCP server " + server.getHost(), sealed,
                List.of(), null, null, same.isPresent(), member.id(), ConnectionKind.REMOTE_MCP, null, url, details);
        return ConnectOutcome.connected(id, same.isPresent());
    }

    /** The server's address, checked; the exception's message is for the member. */
    URI server(String address) {
        if (address.isEmpty() || address.length() > 2000) {
            throw new IllegalArgumentException("Enter the hosted MCP server's address (https://…).");
        }
        URI uri;
        try {
            uri = new URI(address);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("That is not a web address.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (!uri.isAbsolute() || host == null || host.isBlank() || (!"https".equals(scheme) && !"http".equals(scheme))) {
            throw new IllegalArgumentException("Enter the server's full address, starting with https://.");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("Enter the address without a user name, query (?…) or fragment (#…): "
                    + "a key or token goes in the credential field, where it is sealed and never shown.");
        }
        List<InetAddress> addresses = resolve(host);
        boolean local = addresses.stream().anyMatch(RemoteMcpConnections::local);
        boolean loopback = !addresses.isEmpty() && addresses.stream().allMatch(InetAddress::isLoopbackAddress);
        if ("http".equals(scheme) && !(allowLocal && loopback)) {
            throw new IllegalArgumentException("The address must start with https://: the credential must not travel "
                    + "unencrypted.");
        }
        if (local && !allowLocal) {
            throw new IllegalArgumentException("That address is in a private or local network, which the console does "
                    + "not call. Use the server's public https:// address.");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return URI.create(scheme + "://" + uri.getRawAuthority().toLowerCase(Locale.ROOT) + path);
    }

    private static List<InetAddress> resolve(String host) {
        try {
            return List.of(InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1)
                    : host));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("The host " + host + " could not be found.");
        }
    }

    private static boolean local(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] raw = address.getAddress();
        // IPv6 unique local addresses (fc00::/7) and IPv4 carrier-grade NAT (100.64.0.0/10).
        return (raw.length == 16 && (raw[0] & 0xFE) == 0xFC)
                || (raw.length == 4 && (raw[0] & 0xFF) == 100 && (raw[1] & 0xC0) == 64);
    }
}
