package io.accounts.it.client;

import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.openid.OpenIdContext;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** {@code GET /protected}: only for a signed-in person; greets them with the name from the ID token. */
@WebServlet("/protected")
@ServletSecurity(@HttpConstraint(rolesAllowed = "**"))
public class ProtectedServlet extends HttpServlet {

    @Inject
    OpenIdContext openId;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = openId.getIdentityToken().getJwtClaims().getStringClaim("name").orElse("?");
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().printf("<!DOCTYPE html><title>Client</title><h1 id=\"greeting\">Hello, %s</h1>"
                + "<p id=\"subject\">%s</p><a id=\"logout\" href=\"logout\">Sign out</a>", escape(name),
                escape(openId.getSubject()));
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
