package io.accounts.policy;

import java.util.List;

/** A compiled policy document, evaluated as IAM does: an explicit Deny wins, then an Allow, otherwise deny. */
public record Policy(List<Statement> statements) {

    public boolean allows(String verb, String path, Caller caller) {
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
