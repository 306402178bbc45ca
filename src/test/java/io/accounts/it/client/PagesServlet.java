package io.accounts.it.client;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * The open pages: {@code /callback} (where the provider sends the browser back; the mechanism has taken the code and
 * signed the person in before this runs, which sends the browser on to the protected page), {@code /logout} (signs out here and, through the
 * provider's end-session endpoint, there) and {@code /signed-out} (where the provider sends the browser after that).
 */
@WebServlet({"/callback", "/logout", "/signed-out"})
public class PagesServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        switch (request.getServletPath()) {
            case "/logout" -> request.logout();
            case "/signed-out" -> {
                response.setContentType("text/html;charset=UTF-8");
                response.getWriter().print("<!DOCTYPE html><title>Client</title><h1 id=\"signed-out\">Signed out</h1>");
            }
            default -> response.sendRedirect(request.getContextPath() + "/protected");
        }
    }
}
