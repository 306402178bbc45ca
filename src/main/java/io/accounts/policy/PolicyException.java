package io.accounts.policy;

/** A policy document that cannot be used; the message names the statement and what is wrong with it. */
public class PolicyException extends RuntimeException {

    public PolicyException(String message) {
        super(message);
    }
}
