package io.accounts.throttle;

import io.accounts.platform.ApiException;
import io.github.bucket4j.ConsumptionProbe;

import java.util.concurrent.TimeUnit;

/** An empty bucket's answer: 429 with {@code Retry-After}, the whole seconds until it refills one token. */
final class Refusals {

    private Refusals() {
    }

    static ApiException tooMany(String detail, ConsumptionProbe probe) {
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1);
        return ApiException.tooManyRequests(detail, seconds);
    }
}
