package io.accounts.platform.store;

/**
 * The field names that stored documents share, declared once: every document's key, and the date a TTL index
 * expires it by (MongoDB's TTL monitor, or the embedded store's expiry sweep, deletes it once that date has passed).
 */
public final class DocumentFields {

    /** Every document's key. */
    public static final String ID = "_id";
    /** When the document expires: a TTL index with {@code expireAfterSeconds: 0} on it deletes it then. */
    public static final String EXPIRES_AT = "expires_at";

    private DocumentFields() {
    }
}
