package io.accounts.platform.web;

import io.accounts.platform.ApiException;

import jakarta.json.stream.JsonParsingException;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The strict reader: snake_case keys, strings only, every offending field reported. */
class RecordBinderTest {

    record Sample(String firstName, String email, List<String> roles) {
    }

    record Flagged(String name, Boolean enabled) {
    }

    private static Sample bind(String json) {
        return RecordBinder.of(Sample.class).bind(new StrictParser(Json.createParser(new StringReader(json))));
    }

    @Test
    void bindsSnakeCaseKeysStringsListsAndNulls() {
        Sample sample = bind("{\"first_name\":\"Ada\",\"email\":null,\"roles\":[\"a\",\"b\"]}");
        assertEquals("Ada", sample.firstName());
        assertNull(sample.email());
        assertEquals(List.of("a", "b"), sample.roles());
        assertNull(bind("{}").firstName());
    }

    @Test
    void aBooleanComponentTakesTrueFalseOrNullOnly() {
        RecordBinder<Flagged> binder = RecordBinder.of(Flagged.class);
        assertEquals(Boolean.FALSE, binder.bind(new StrictParser(Json.createParser(new StringReader(
                "{\"enabled\":false}")))).enabled());
        assertEquals(Boolean.TRUE, binder.bind(new StrictParser(Json.createParser(new StringReader(
                "{\"enabled\":true}")))).enabled());
        assertNull(binder.bind(new StrictParser(Json.createParser(new StringReader("{\"enabled\":null}")))).enabled());
        for (String json : List.of("{\"enabled\":\"false\"}", "{\"enabled\":0}", "{\"enabled\":[true]}")) {
            ApiException error = assertThrows(ApiException.class, () -> binder.bind(new StrictParser(
                    Json.createParser(new StringReader(json)))), json);
            assertEquals(Map.of("enabled", List.of("must be true or false")), error.errors(), json);
        }
    }

    @Test
    void reportsUnknownDuplicateAndNonStringFieldsTogether() {
        ApiException error = assertThrows(ApiException.class, () -> bind(
                "{\"first_name\":1,\"email\":{\"$ne\":null},\"roles\":\"admin\",\"firstName\":\"x\","
                        + "\"deep\":[[[[{\"a\":[1,2,{}]}]]]]}"));
        assertEquals(400, error.status());
        assertEquals(Map.of("first_name", List.of("must be a string"), "email", List.of("must be a string"),
                "roles", List.of("must be an array of strings"), "firstName", List.of("unknown field"),
                "deep", List.of("unknown field")), error.errors());
        ApiException twice = assertThrows(ApiException.class, () -> bind("{\"email\":\"a\",\"email\":\"b\"}"));
        assertEquals(Map.of("email", List.of("duplicate field")), twice.errors());
        ApiException mixed = assertThrows(ApiException.class, () -> bind("{\"roles\":[\"a\",{\"b\":1},\"c\"]}"));
        assertEquals(Map.of("roles", List.of("must be an array of strings")), mixed.errors());
    }

    @Test
    void aNonStringInAListIsA400WithTheParserLeftAfterTheList() {
        for (String json : List.of("{\"roles\":[1]}", "{\"roles\":[1],\"email\":\"a@x.io\"}",
                "{\"roles\":[\"a\",[2,[3]],{\"x\":[]}],\"email\":7}", "{\"roles\":{\"a\":[1]},\"email\":[\"x\"]}")) {
            ApiException error = assertThrows(ApiException.class, () -> bind(json), json);
            assertEquals(400, error.status(), json);
            assertEquals(List.of("must be an array of strings"), error.errors().get("roles"), json);
        }
    }

    @Test
    void deepNestingIsRefusedWithA400BeforeTheParsersOwnLimit() {
        String deep = "{\"first_name\":" + "[".repeat(20_000) + "]".repeat(20_000) + "}";
        ApiException error = assertThrows(ApiException.class, () -> bind(deep));
        assertEquals(400, error.status());
        assertEquals("The request body is nested too deeply.", error.getMessage());
    }

    @Test
    void refusesWhatIsNotOneObject() {
        for (String json : List.of("[]", "\"x\"", "1")) {
            assertEquals(400, assertThrows(ApiException.class, () -> bind(json)).status(), json);
        }
        // trailing content is a syntax error of the parser, which StrictJsonReader answers with 400
        assertThrows(JsonParsingException.class, () -> bind("{} {}"));
    }
}
