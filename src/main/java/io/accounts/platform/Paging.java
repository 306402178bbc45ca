package io.accounts.platform;

/** {@code ?limit=} of the listing endpoints: 1..100, default 20, a 400 for anything else. */
public final class Paging {

    public static final int DEFAULT = 20;
    public static final int MAX = 100;

    private Paging() {
    }

    public static int limit(String value) {
        if (value == null) {
            return DEFAULT;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= MAX) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below with the range
        }
        throw ApiException.invalidField("limit", "must be an integer from 1 to " + MAX);
    }
}
