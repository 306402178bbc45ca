package io.accounts.passwords;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommonPasswordsTest {

    @Test
    void theListIsLoadedAndMatchedIgnoringCase() {
        assertTrue(CommonPasswords.size() >= 3000, "at least the top 3,000: " + CommonPasswords.size());
        assertTrue(CommonPasswords.contains("password1"));
        assertTrue(CommonPasswords.contains("IloveYou"));
        assertTrue(CommonPasswords.contains("12345678"));
        assertFalse(CommonPasswords.contains("correct horse battery staple"));
        assertFalse(CommonPasswords.contains(null));
        assertFalse(new NotCommonPassword.Validator().isValid("trustno1", null));
        assertTrue(new NotCommonPassword.Validator().isValid("a long and unusual passphrase", null));
    }
}
