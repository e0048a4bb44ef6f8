/**
 * Client for Meta's Graph / Marketing API: the JDK's HTTP client ({@code HttpURLConnection} with keep-alive, or a
 * supplied {@link java.net.http.HttpClient}) and Jackson 3, no framework.
 *
 * <h2>Calling the API</h2>
 * <pre>{@code
 * GraphClient graph = GraphClient.create(GraphConfig.builder()
 *         .appId(appId).appSecret(appSecret)          // appsecret_proof on every call
 *         .build());                                  // .baseUrl(sandbox.baseUrl()) to use the local sandbox
 *
 * JsonNode me = graph.get(token, "me", Map.of("fields", "id,name")).body();
 * Page<JsonNode> page = graph.getPage(token, "act_1/campaigns", Map.of("fields", "id,name", "limit", "25"));
 * List<JsonNode> all = graph.fetchAll(token, "act_1/campaigns", Map.of("fields", "id,name"), 500);
 * graph.post(token, "act_1/campaigns", Map.of("name", "Spring", "objective", "OUTCOME_TRAFFIC", ...));
 * List<BatchResult> results = graph.batch(token, List.of(BatchRequest.get("me"), BatchRequest.get("act_1")));
 * }</pre>
 *
 * <ul>
 *   <li>{@link dev.adsbridge.graph.GraphClient}: {@code get}, {@code post}, {@code postMultipart}, {@code delete},
 *       {@code getPage}, {@code fetchAll}, {@code batch}. Thread-safe; share one per configuration. The token travels
 *       only in the {@code Authorization: Bearer} header.</li>
 *   <li>{@link dev.adsbridge.graph.GraphResponse} (status, JSON body, {@link dev.adsbridge.graph.Usage}, kept headers) and
 *       {@link dev.adsbridge.graph.Page} (items, cursors, summary).</li>
 *   <li>{@link dev.adsbridge.graph.GraphException} for every failure: its {@link dev.adsbridge.graph.GraphError} has
 *       Meta's code, subcode, messages and trace id, and a {@link dev.adsbridge.graph.ErrorCategory} to branch on
 *       (auth → reconnect, permission, rate_limit → wait {@code retryAfter()}, invalid_request, transient, unknown).
 *       Messages never hold tokens or secrets, so they may be shown to users and agents.</li>
 *   <li>Safe reads (GET) are retried per {@link dev.adsbridge.graph.RetryPolicy}; writes and batches never are.</li>
 *   <li>{@link dev.adsbridge.graph.Usage}: Meta's rate-limit headers, parsed leniently, with
 *       {@code maxUtilizationPercent()} and {@code regainAccessIn()} to slow down before Meta blocks the app.</li>
 * </ul>
 *
 * <h2>Connecting accounts</h2>
 * {@link dev.adsbridge.graph.MetaOAuth} builds the login dialog URL, exchanges codes and short-lived tokens, inspects
 * tokens ({@code debug_token}), lists and revokes permissions. {@link dev.adsbridge.graph.SignedRequest} verifies the
 * {@code signed_request} of Meta's deauthorize and data-deletion callbacks; {@link dev.adsbridge.graph.AppSecretProof}
 * computes the proof the client adds by itself.
 *
 * <p>Logging: SLF4J logger {@code dev.adsbridge.graph.GraphClient} at DEBUG writes method, path, parameter names, status,
 * duration and usage; never parameter values, tokens, secrets, proofs or codes.
 */
package dev.adsbridge.graph;
