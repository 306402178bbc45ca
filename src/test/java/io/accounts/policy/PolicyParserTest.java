package io.accounts.policy;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Broken documents are refused with a message naming the statement; evaluation follows IAM's order. */
class PolicyParserTest {

    private static Policy parse(String json) {
        return new PolicyParser(Set.of("admin", "user")).parse(Json.createReader(new StringReader(json)).readObject());
    }

    private static String refusal(String statement) {
        return assertThrows(PolicyException.class,
                () -> parse("{\"Statement\":[{\"Sid\":\"ok\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"GET\","
                        + "\"Resource\":\"/a\"}," + statement + "]}")).getMessage();
    }

    @Test
    void eachKindOfMistakeIsNamed() {
        Map<String, String> cases = Map.ofEntries(
                Map.entry("{\"Sid\":\"x\",\"Effect\":\"Permit\",\"Principal\":\"*\",\"Action\":\"GET\",\"Resource\":\"/a\"}", "Effect"),
                Map.entry("{\"Sid\":\"x\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"FETCH\",\"Resource\":\"/a\"}", "FETCH"),
                Map.entry("{\"Sid\":\"x\",\"Effect\":\"Allow\",\"Principal\":{\"Role\":\"root\"},\"Action\":\"GET\",\"Resource\":\"/a\"}", "root"),
                Map.entry("{\"Sid\":\"x\",\"Effect\":\"Allow\",\"Principal\":\"everyone\",\"Action\":\"GET\",\"Resource\":\"/a\"}", "Principal"),
                Map.entry("{\"Sid\":\"x\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"GET\",\"Resource\":\"a\"}", "Resource"),
                Map.entry("{\"Sid\":\"x\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"GET\"}", "Resource"),
                Map.entry("{\"Sid\":\"x\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":[],\"Resource\":\"/a\"}", "Action"),
                Map.entry("{\"Sid\":\"x\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"GET\",\"Resource\":\"/a\",\"Extra\":1}", "Extra"),
                Map.entry("{\"Sid\":\"x\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"GET\",\"Resource\":\"/a/{id}\","
                        + "\"Condition\":{\"StringLike\":{\"path:id\":\"x\"}}}", "StringLike"),
                Map.entry("{\"Sid\":\"x\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"GET\",\"Resource\":\"/a/{id}\","
                        + "\"Condition\":{\"StringEquals\":{\"path:name\":\"x\"}}}", "path:name"),
                Map.entry("{\"Sid\":\"x\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"GET\",\"Resource\":\"/a\","
                        + "\"Condition\":{\"StringEquals\":{\"header:x\":\"x\"}}}", "header:x"),
                Map.entry("{\"Sid\":\"x\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"GET\",\"Resource\":\"/a\","
                        + "\"Condition\":{\"ForAnyValue:StringEquals\":{\"jwt:groups\":\"root\"}}}", "root"),
                Map.entry("\"not an object\"", "statement 2"));
        cases.forEach((statement, expected) -> {
            String message = refusal(statement);
            assertTrue(message.contains(expected), message);
            if (statement.startsWith("{")) {
                assertTrue(message.contains("statement 2 (Sid \"x\")"), message);
            }
        });
        assertThrows(PolicyException.class, () -> parse("{\"Statement\":[]}"));
        assertThrows(PolicyException.class, () -> parse("{\"Version\":\"2008-10-17\",\"Statement\":[]}"));
    }

    @Test
    void explicitDenyWinsThenAllowOtherwiseDeny() {
        Policy policy = parse("{\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Principal\":\"authenticated\",\"Action\":\"*\",\"Resource\":\"/docs/*\"},"
                + "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"DELETE\",\"Resource\":\"/docs/*\"},"
                + "{\"Effect\":\"Allow\",\"Principal\":{\"Role\":\"admin\"},\"Action\":\"DELETE\",\"Resource\":\"/docs/*\"},"
                + "{\"Effect\":\"Allow\",\"Principal\":\"authenticated\",\"Action\":\"GET\",\"Resource\":\"/secret\","
                + "\"Condition\":{\"ForAnyValue:StringEquals\":{\"jwt:groups\":[\"admin\"]}}}]}");
        Caller user = TestCaller.of("u", "user");
        Caller admin = TestCaller.of("a", "admin");
        assertTrue(policy.allows("GET", "/docs/1", user));
        assertFalse(policy.allows("DELETE", "/docs/1", user), "deny");
        assertFalse(policy.allows("DELETE", "/docs/1", admin), "deny wins over the admin's allow");
        assertFalse(policy.allows("GET", "/docs/1", null), "no statement: implicit deny");
        assertFalse(policy.allows("GET", "/secret", user), "token has role: no");
        assertTrue(policy.allows("GET", "/secret", admin), "token has role: yes");
    }

    @Test
    void stringNotEqualsComparesWithTheReferencedClaim() {
        Policy policy = parse("{\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Principal\":\"authenticated\",\"Action\":\"POST\",\"Resource\":\"/u/{id}\"},"
                + "{\"Effect\":\"Deny\",\"Principal\":\"authenticated\",\"Action\":\"POST\",\"Resource\":\"/u/{id}\","
                + "\"Condition\":{\"StringNotEquals\":{\"path:id\":\"${jwt:sub}\"}}}]}");
        assertTrue(policy.allows("POST", "/u/me", TestCaller.of("me", "user")), "the caller's own: the Deny does not apply");
        assertFalse(policy.allows("POST", "/u/someone", TestCaller.of("me", "user")), "another's: denied");
    }
}
