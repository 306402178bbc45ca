package io.accounts.platform.web;

import jakarta.inject.Inject;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * The account and admin pages ({@code /account/}, {@code /admin/}, and what they load from {@code /shared/}): a
 * strict Content-Security-Policy (scripts and styles from this origin only, no inline script, no {@code eval}, no
 * framing), no MIME sniffing, no referrer, and no caching of the pages. A path of a page without a file of its
 * own ({@code /account/reset}, {@code /account/verify}, the links of the mails) is that section's page. With
 * {@code pages.enabled=false}, for deployments that bring their own UI, they are not served.
 */
@WebFilter(urlPatterns = {"/account/*", "/admin/*", "/shared/*"})
public class PagesFilter implements Filter {

    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private static final Map<String, String> TYPES = Map.of("html", "text/html;charset=UTF-8",
            "js", "text/javascript;charset=UTF-8", "css", "text/css;charset=UTF-8", "png", "image/png",
            "svg", "image/svg+xml");

    @Inject
    @ConfigProperty(name = "pages.enabled", defaultValue = "true")
    boolean enabled;

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        if (!enabled) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setHeader("Content-Security-Policy", POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Frame-Options", "DENY");
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String last = path.substring(path.lastIndexOf('/') + 1);
        if (!path.startsWith("/shared/") && !last.contains(".")) {
            response.setHeader("Cache-Control", "no-store");
            path = path.startsWith("/admin") ? "/admin/index.html" : "/account/index.html";
        } else {
            response.setHeader("Cache-Control", "no-cache");
        }
        serve(request, path, response);
    }

    /**
     * Writes the file itself: the JAX-RS application owns {@code /*}, so the servers' default servlets never see
     * these paths. Only files under the three page folders are read; anything else is 404.
     */
    private static void serve(HttpServletRequest request, String path, HttpServletResponse response) throws IOException {
        String type = path.contains(".") ? TYPES.get(path.substring(path.lastIndexOf('.') + 1)) : null;
        if (type == null || path.contains("..") || !"GET".equals(request.getMethod())
                && !"HEAD".equals(request.getMethod())) {
            response.sendError("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())
                    ? HttpServletResponse.SC_NOT_FOUND : HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        try (InputStream file = request.getServletContext().getResourceAsStream(path)) {
            if (file == null) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
            byte[] body = file.readAllBytes();
            response.setContentType(type);
            response.setContentLength(body.length);
            if ("GET".equals(request.getMethod())) {
                response.getOutputStream().write(body);
            }
        }
    }
}
