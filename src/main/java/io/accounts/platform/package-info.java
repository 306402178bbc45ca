/**
 * What every feature stands on: the JAX-RS application, configuration, the MongoDB client (embedded or
 * external), JNoSQL wiring, start-up work, health checks and the problem+json error mapping.
 */
package io.accounts.platform;
