package dev.adsbridge.sandbox.http;

/** Meta's common errors, worded as Meta words them (docs/meta-graph-api.md, "Errors"). */
public final class GraphErrors {

    private GraphErrors() {
    }

    public static final String OAUTH = "OAuthException";
    public static final String METHOD = "GraphMethodException";

    /** 100 with no subcode: a bad or missing parameter. */
    public static GraphException invalidParameter(String message) {
        return new GraphException(400, 100, null, OAUTH, "(#100) " + message, null, null, false);
    }

    /** 100 with a user-facing title and message, as Meta sends for validation failures shown to advertisers. */
    public static GraphException invalidParameter(String message, Integer subcode, String userTitle, String userMsg) {
        return new GraphException(400, 100, subcode, OAUTH, message == null ? "Invalid parameter" : message,
                userTitle, userMsg, false);
    }

    /** 100/33: unknown id, no access, or unsupported operation (Meta does not say which). */
    public static GraphException unsupportedGet(String id) {
        return new GraphException(400, 100, 33, METHOD, "Unsupported get request. Object with ID '" + id
                + "' does not exist, cannot be loaded due to missing permissions, or does not support this operation. "
                + "Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api",
                null, null, false);
    }

    public static GraphException unsupportedPost(String id) {
        return new GraphException(400, 100, 33, METHOD, "Unsupported post request. Object with ID '" + id
                + "' does not exist, cannot be loaded due to missing permissions, or does not support this operation. "
                + "Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api",
                null, null, false);
    }

    public static GraphException unsupportedDelete(String id) {
        return new GraphException(400, 100, 33, METHOD, "Unsupported delete request. Object with ID '" + id
                + "' does not exist, cannot be loaded due to missing permissions, or does not support this operation. "
                + "Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api",
                null, null, false);
    }

    /** 100: a field name the node type does not have. */
    public static GraphException nonexistingField(String field, String nodeType) {
        return new GraphException(400, 100, null, OAUTH, "(#100) Tried accessing nonexisting field (" + field
                + ") on node type (" + nodeType + ")", null, null, false);
    }

    /** 2500: a path segment that is not a node or edge Meta knows. */
    public static GraphException unknownPath(String segment) {
        return new GraphException(400, 2500, null, OAUTH, "Unknown path components: /" + segment, null, null, false);
    }

    /** 2500: {@code /me} asked with a token that has no user (an app token). */
    public static GraphException activeTokenRequired() {
        return new GraphException(400, 2500, null, OAUTH, "An active access token must be used to query "
                + "information about the current user.", null, null, false);
    }

    /** 190 without subcode: a token that does not parse. */
    public static GraphException malformedToken() {
        return new GraphException(400, 190, null, OAUTH, "Invalid OAuth access token - Cannot parse access token",
                null, null, false);
    }

    /** 190/463: expired session. {@code expiredAt} is already formatted as Meta does. */
    public static GraphException expiredToken(String expiredAt, String now) {
        return new GraphException(400, 190, 463, OAUTH, "Error validating access token: Session has expired on "
                + expiredAt + ". The current time is " + now + ".", null, null, false);
    }

    /** 190/460: the user changed their password (the sandbox uses it for tokens revoked by a fault). */
    public static GraphException passwordChanged() {
        return new GraphException(400, 190, 460, OAUTH, "Error validating access token: The session has been "
                + "invalidated because the user changed their password or Facebook has changed the session for "
                + "security reasons.", null, null, false);
    }

    /** 190/458: the user removed the app (DELETE /me/permissions). */
    public static GraphException appNotInstalled(String userId) {
        return new GraphException(400, 190, 458, OAUTH, "Error validating access token: The user has not "
                + "authorized application " + userId + ".", null, null, false);
    }

    /** 2635: a Marketing API version that has been switched off. */
    public static GraphException deprecatedVersion(String version, String minVersion) {
        return new GraphException(400, 2635, null, OAUTH, "(#2635) You are calling a deprecated version of the Ads "
                + "API. Please update to the latest version: " + minVersion + ".", null, null, false);
    }

    /** 200: a scope is missing. */
    public static GraphException missingPermission(String permission) {
        return new GraphException(403, 200, null, OAUTH, "(#200) Requires " + permission
                + " permission to manage the object", null, null, false);
    }

    /** 10: permission denied on a non-ads object. */
    public static GraphException permissionDenied(String message) {
        return new GraphException(403, 10, null, OAUTH, "(#10) " + message, null, null, false);
    }

    /** 1: unknown error (Meta answers it with HTTP 500). */
    public static GraphException unknown(String message) {
        return new GraphException(500, 1, null, OAUTH, message, null, null, true);
    }

    /** Meta's words when an answer would carry too much data (code 1, HTTP 500). */
    public static final String TOO_MUCH_DATA =
            "Please reduce the amount of data you're asking for, then retry your request";

    /** 1 / HTTP 500: too much data for one answer; not transient (the same request fails again). */
    public static GraphException tooMuchData(Integer subcode, String userTitle, String userMsg) {
        return new GraphException(500, 1, subcode, OAUTH, TOO_MUCH_DATA, userTitle, userMsg, false);
    }

    /** 2: temporary service problem; clients should retry. */
    public static GraphException serviceUnavailable() {
        return new GraphException(503, 2, null, OAUTH, "An unexpected error has occurred. Please retry your "
                + "request later.", null, null, true);
    }

    /** 100 "appsecret_proof" errors. */
    public static GraphException appsecretProofRequired() {
        return new GraphException(400, 100, null, METHOD,
                "API calls from the server require an appsecret_proof argument", null, null, false);
    }

    public static GraphException invalidAppsecretProof() {
        return new GraphException(400, 100, null, METHOD, "Invalid appsecret_proof provided in the API argument",
                null, null, false);
    }
}
