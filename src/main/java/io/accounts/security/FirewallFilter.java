package io.accounts.security;

import io.accounts.platform.ApiException;
import io.accounts.platform.web.Problem;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The {@link RequestFirewall} in front of everything this WAR serves, API or not, on the request URI exactly as
 * it arrived (undecoded, unnormalised): Payara, for one, would otherwise resolve {@code /user/x/..} before any
 * JAX-RS filter could see it.
 */
@WebFilter(urlPatterns = "/*")
public class FirewallFilter implements Filter {

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            RequestFirewall.canonical(((HttpServletRequest) request).getRequestURI());
        } catch (ApiException refused) {
            HttpServletResponse http = (HttpServletResponse) response;
            http.setStatus(refused.status());
            http.setContentType(Problem.MEDIA_TYPE.toString());
            http.setCharacterEncoding(StandardCharsets.UTF_8.name());
            http.getWriter().write(Problem.of(refused.type(), refused.status(), refused.getMessage(), null).json());
            return;
        }
        chain.doFilter(request, response);
    }
}
