package io.accounts.policy;

import io.accounts.security.JwtPrincipal;

import java.util.List;

/** A compiled policy document, evaluated as IAM does: an explicit Deny wins, then an Allow, otherwise deny. */
public record Policy(List<Statement> statements) {

    public boolean allows(String verb, String path, JwtPrincipal caller) {
        boolean allowed = false;
        for (Statement statement : statements) {
            if (statement.applies(verb, path, caller)) {
                if (!statement.allow()) {
                    return false;
                }
                allowed = true;
            }
        }
        return allowed;
    }
}
