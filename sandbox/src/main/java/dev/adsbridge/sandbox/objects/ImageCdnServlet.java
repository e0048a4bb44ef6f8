package dev.adsbridge.sandbox.objects;

import dev.adsbridge.sandbox.SandboxContext;
import dev.adsbridge.sandbox.store.FbUser;
import dev.adsbridge.sandbox.store.Node;
import dev.adsbridge.sandbox.store.NodeType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Stands in for Meta's CDN: {@code /cdn/images/{hash}.{ext}} serves an ad image's bytes (seeded or uploaded; the
 * extension is informational), {@code /cdn/previews/{creative id}} a small HTML rendering of a creative (the target
 * of the iframes {@code /previews} returns). Public, as CDN URLs are: no token.
 */
public final class ImageCdnServlet extends HttpServlet {

    private final transient SandboxContext context;

    public ImageCdnServlet(SandboxContext context) {
        this.context = context;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        if (path.startsWith("/images/")) {
            serveImage(path.substring("/images/".length()), resp);
        } else if (path.startsWith("/previews/")) {
            servePreview(path.substring("/previews/".length()), req.getParameter("ad_format"), resp);
        } else {
            resp.sendError(404);
        }
    }

    private void serveImage(String file, HttpServletResponse resp) throws IOException {
        int dot = file.indexOf('.');
        String hash = dot < 0 ? file : file.substring(0, dot);
        Optional<Node> image = findImage(hash);
        if (image.isEmpty()) {
            resp.sendError(404);
            return;
        }
        byte[] bytes = (byte[]) image.get().get(Hidden.IMAGE_BYTES);
        resp.setStatus(200);
        resp.setContentType(String.valueOf(image.get().get(Hidden.IMAGE_TYPE)));
        resp.setHeader("Cache-Control", "public, max-age=31536000, immutable");
        resp.setHeader("ETag", "\"" + hash + "\"");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }

    /** Images are per account; the hash is the same wherever the bytes were uploaded, so any copy will do. */
    private Optional<Node> findImage(String hash) {
        if (!hash.matches("[0-9a-f]{32}")) {
            return Optional.empty();
        }
        Set<String> accounts = new LinkedHashSet<>();
        for (FbUser user : context.store().users()) {
            accounts.addAll(user.adAccountIds());
        }
        for (String account : accounts) {
            Optional<Node> image = context.store().node(MarketingObjects.imageId(account, hash))
                    .filter(n -> n.get(Hidden.IMAGE_BYTES) != null);
            if (image.isPresent()) {
                return image;
            }
        }
        return Optional.empty();
    }

    private void servePreview(String creativeId, String format, HttpServletResponse resp) throws IOException {
        Optional<Node> creative = context.store().node(creativeId).filter(n -> n.type() == NodeType.AD_CREATIVE);
        if (creative.isEmpty()) {
            resp.sendError(404);
            return;
        }
        Node node = creative.get();
        String page = context.store().node(String.valueOf(node.get("actor_id"))).map(p -> p.getString("name"))
                .orElse("Sponsored");
        Object image = node.get("image_url");
        String html = "<!doctype html><html><head><meta charset=\"utf-8\"><title>Ad preview</title></head>"
                + "<body style=\"font-family:sans-serif;margin:0;padding:12px;max-width:500px\">"
                + "<div style=\"font-weight:bold\">" + escape(page) + "</div><div style=\"color:#65676b;"
                + "font-size:12px\">Sponsored · " + escape(format == null ? "" : format) + "</div>"
                + "<p>" + escape(String.valueOf(node.get("body") == null ? "" : node.get("body"))) + "</p>"
                + (image == null ? "" : "<img alt=\"\" style=\"width:100%\" src=\"" + escape(image.toString()) + "\">")
                + "<div style=\"font-weight:bold\">" + escape(String.valueOf(node.get("title") == null ? ""
                : node.get("title"))) + "</div>"
                + (node.get("call_to_action_type") == null ? "" : "<button>" + escape(node.get("call_to_action_type")
                .toString().replace('_', ' ')) + "</button>")
                + "</body></html>";
        resp.setStatus(200);
        resp.setContentType("text/html; charset=utf-8");
        resp.getOutputStream().write(html.getBytes(StandardCharsets.UTF_8));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
