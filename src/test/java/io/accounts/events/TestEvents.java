package io.accounts.events;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Security events for unit tests of other packages: recorded as "TYPE user {details}" lines, nothing stored. */
public final class TestEvents {

    private TestEvents() {
    }

    public static SecurityEvents recording(List<String> lines) {
        return new SecurityEvents() {
            @Override
            public void record(EventType type, String userId, String address, Map<String, String> details) {
                synchronized (lines) {
                    lines.add(type + " " + userId + " " + new TreeMap<>(details));
                }
            }
        };
    }
}
