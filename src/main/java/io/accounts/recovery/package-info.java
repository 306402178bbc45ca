/**
 * Getting back in and proving an address: password reset and email verification by mail, with single-use tokens
 * of which only a hash is stored. Stands on {@code user}, {@code mail}, {@code throttle} and below.
 */
package io.accounts.recovery;
