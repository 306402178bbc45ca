package io.accounts.platform;

/**
 * Tells a failure to reach the database (the client may retry; 503) from anything else, for the web side, which
 * does not know the database's own exceptions.
 */
public interface DatabaseOutages {

    boolean isOutage(Throwable error);
}
