package io.accounts.events;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;

import java.io.IOException;

/**
 * The client address of the request this thread serves, for the events recorded while serving it: services do not
 * pass the address down through every call.
 */
@WebFilter(urlPatterns = "/*")
public class ClientAddresses implements Filter {

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    /** The address of the request in progress on this thread, or null outside one. */
    static String current() {
        return CURRENT.get();
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        CURRENT.set(request.getRemoteAddr());
        try {
            chain.doFilter(request, response);
        } finally {
            CURRENT.remove();
        }
    }
}
