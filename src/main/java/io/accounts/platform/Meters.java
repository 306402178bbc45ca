package io.accounts.platform;

import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricUnits;

/** Our metrics are named {@code accounts_*} and always described: Prometheus shows the description as HELP. */
public final class Meters {

    private Meters() {
    }

    public static Metadata described(String name, String description) {
        return Metadata.builder().withName(name).withDescription(description).build();
    }

    /**
     * A timer's metadata, in seconds: Open Liberty's metrics exports every timer in seconds anyway, Payara's only
     * when the unit says so (else nanoseconds and no {@code _seconds} suffix).
     */
    public static Metadata timer(String name, String description) {
        return Metadata.builder().withName(name).withDescription(description).withUnit(MetricUnits.NANOSECONDS).build();
    }
}
