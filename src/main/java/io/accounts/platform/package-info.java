/**
 * The vocabulary every feature speaks, free of any web or database technology: the one exception a service throws
 * for a client's failure ({@link io.accounts.platform.ApiException}), paging, digests, metric names, the clock and
 * random source, and the two things the web side asks of the store (is this failure an outage; a backup).
 * The web side is {@code platform.web}, the store side {@code platform.store}; neither imports the other.
 */
package io.accounts.platform;
