/**
 * The database side: the MongoDB client (a configured MongoDB, or the embedded wire-protocol server with its
 * durable H2 store, housekeeping and TTL expiry), the Jakarta NoSQL wiring (every stored entity goes through it)
 * and {@link io.accounts.platform.store.DriverCalls} (the driver calls JNoSQL cannot make, each named), the database
 * work every feature needs
 * before it serves ({@link io.accounts.platform.store.DatabaseSetup}), outage detection and health. It never imports
 * JAX-RS, servlet or JSON types.
 */
package io.accounts.platform.store;
