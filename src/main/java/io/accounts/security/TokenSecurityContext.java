package io.accounts.security;

import jakarta.ws.rs.core.SecurityContext;

import java.security.Principal;

/** The request's security context once the authorizer has accepted its token. */
record TokenSecurityContext(JwtPrincipal principal, boolean secure) implements SecurityContext {

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    @Override
    public boolean isUserInRole(String role) {
        return principal.getGroups().contains(role);
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String getAuthenticationScheme() {
        return "Bearer";
    }
}
