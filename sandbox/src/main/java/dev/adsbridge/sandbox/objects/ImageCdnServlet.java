package dev.adsbridge.sandbox.objects;

import dev.adsbridge.sandbox.SandboxContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** Serves uploaded and seeded ad image bytes at {@code /cdn/…}, standing in for Meta's image CDN URLs. */
public final class ImageCdnServlet extends HttpServlet {

    private final transient SandboxContext context;

    public ImageCdnServlet(SandboxContext context) {
        this.context = context;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.sendError(404);
    }
}
