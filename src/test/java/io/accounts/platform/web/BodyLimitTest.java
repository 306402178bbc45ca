package io.accounts.platform.web;

import io.accounts.platform.ApiException;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BodyLimitTest {

    @Test
    void readsUpToTheLimitAndAnswers413Beyond() throws IOException {
        assertEquals(10, new BodyLimit(new ByteArrayInputStream(new byte[10]), 10).readAllBytes().length);
        ApiException error = assertThrows(ApiException.class,
                () -> new BodyLimit(new ByteArrayInputStream(new byte[11]), 10).readAllBytes());
        assertEquals(413, error.status());
    }
}
