package io.accounts.throttle;

import io.accounts.platform.ApiException;

/** An empty bucket's answer: 429 with {@code Retry-After}, the whole seconds until it refills one token. */
final class Refusals {

    private Refusals() {
    }

    static ApiException tooMany(String detail, long retryAfterSeconds) {
        return ApiException.tooManyRequests(detail, Math.max(1, retryAfterSeconds));
    }
}
