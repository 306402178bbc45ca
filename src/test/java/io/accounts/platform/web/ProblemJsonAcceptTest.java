package io.accounts.platform.web;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Only an Accept header that takes problem+json and not JSON is widened. */
class ProblemJsonAcceptTest {

    @Test
    void problemJsonAloneAlsoTakesJson() {
        assertEquals("application/problem+json, application/json",
                ProblemJsonAccept.widened("application/problem+json"));
        assertEquals("Application/Problem+JSON;q=0.9, application/json",
                ProblemJsonAccept.widened("Application/Problem+JSON;q=0.9"));
        for (String unchanged : new String[]{null, "application/json", "*/*", "text/html",
                "application/json, application/problem+json", "application/problem+json, */*;q=0.1",
                "application/*"}) {
            assertNull(ProblemJsonAccept.widened(unchanged), String.valueOf(unchanged));
        }
    }
}
