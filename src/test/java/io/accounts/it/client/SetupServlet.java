package io.accounts.it.client;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code POST /setup}: the test hands over the provider URI and the client it registered (test client only). */
@WebServlet("/setup")
public class SetupServlet extends HttpServlet {

    @Inject
    ClientSettings settings;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) {
        settings.set(request.getParameter("provider"), request.getParameter("issuer"), request.getParameter("client_id"),
                request.getParameter("client_secret"), request.getRequestURL().toString().replace("/setup", "/signed-out"));
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }
}
