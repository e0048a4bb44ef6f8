// Drives the console's tenant MCP endpoint with the official TypeScript SDK client signing in with OAuth, as an MCP
// client does: 401 → protected resource metadata → authorization server metadata → dynamic registration → PKCE
// authorization (the test signs in and consents with the member's session, then writes the code on stdin) → token →
// tools → refresh (forced by spoiling the stored access token) → tools again.
// Usage: node oauth-client.mjs <node tools dir> <console /mcp url> <redirect url> <allowed account> <other account>
// Prints {"authorize": url} on a line and waits for the code on stdin; at the end prints one JSON object with what the
// client saw (never a token). Exits non-zero on any protocol failure.
import { pathToFileURL } from "node:url";
import { createInterface } from "node:readline";

const [home, url, redirectUrl, account, otherAccount] = process.argv.slice(2);
const sdk = (path) => import(pathToFileURL(`${home}/node_modules/@modelcontextprotocol/sdk/dist/esm/${path}`).href);
const { Client } = await sdk("client/index.js");
const { StreamableHTTPClientTransport } = await sdk("client/streamableHttp.js");
const { UnauthorizedError } = await sdk("client/auth.js");

const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const seen = { registrations: 0, tokenSaves: 0, refreshTokensDiffer: false, authorizeUrl: null };
const store = {};
const provider = {
  get redirectUrl() { return redirectUrl; },
  get clientMetadata() {
    return { client_name: "TS SDK OAuth test", redirect_uris: [redirectUrl], grant_types: ["authorization_code",
      "refresh_token"], response_types: ["code"], token_endpoint_auth_method: "none" };
  },
  state() { return "ts-sdk-state"; },
  clientInformation() { return store.client; },
  saveClientInformation(info) { seen.registrations++; store.client = info; },
  tokens() { return store.tokens; },
  saveTokens(tokens) {
    if (store.tokens?.refresh_token && tokens.refresh_token && store.tokens.refresh_token !== tokens.refresh_token) {
      seen.refreshTokensDiffer = true;
    }
    seen.tokenSaves++;
    seen.scope = tokens.scope ?? null;
    store.tokens = tokens;
  },
  async redirectToAuthorization(authorizationUrl) {
    seen.authorizeUrl = authorizationUrl.toString();
    console.log(JSON.stringify({ authorize: authorizationUrl.toString() }));
  },
  saveCodeVerifier(verifier) { store.verifier = verifier; },
  codeVerifier() { return store.verifier; },
};

async function connected() {
  const transport = new StreamableHTTPClientTransport(new URL(url), { authProvider: provider });
  const client = new Client({ name: "ts-sdk-oauth-test", version: "1.0.0" });
  await client.connect(transport);
  return { client, transport };
}

let first = new StreamableHTTPClientTransport(new URL(url), { authProvider: provider });
try {
  await new Client({ name: "ts-sdk-oauth-test", version: "1.0.0" }).connect(first);
  throw new Error("connected without signing in");
} catch (e) {
  if (!(e instanceof UnauthorizedError)) throw e;
}
const code = (await lines.next()).value.trim();
await first.finishAuth(code);

let { client } = await connected();
const tools = await client.listTools();
const campaigns = await client.callTool({ name: "get_campaigns", arguments: { account_id: account, limit: 2 } });
const refused = await client.callTool({ name: "get_campaigns", arguments: { account_id: otherAccount, limit: 2 } });
await client.close();

// Refresh: the access token is spoiled, so the next request gets 401 and the SDK refreshes with the refresh token.
store.tokens = { ...store.tokens, access_token: "spoiled" + "x".repeat(100) };
({ client } = await connected());
const again = await client.callTool({ name: "get_campaigns", arguments: { account_id: account, limit: 1 } });
await client.close();

console.log(JSON.stringify({
  server: client.getServerVersion(),
  toolNames: tools.tools.map((t) => t.name),
  campaigns: { isError: campaigns.isError ?? false, structured: campaigns.structuredContent ?? null },
  refused: { isError: refused.isError ?? false, structured: refused.structuredContent ?? null },
  again: { isError: again.isError ?? false, structured: again.structuredContent ?? null },
  registrations: seen.registrations, tokenSaves: seen.tokenSaves, refreshTokensDiffer: seen.refreshTokensDiffer,
  scope: seen.scope, authorizeUrl: seen.authorizeUrl,
}));
process.exit(0);
