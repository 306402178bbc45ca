/**
 * The HTTP side every feature's resource stands on: the JAX-RS application, strict JSON binding of request
 * records, problem+json for every error (one mapper per family), body limits, CORS, the access log, the static
 * pages and the backup resource. It never imports the MongoDB driver, H2, mongo-java-server or Jakarta NoSQL.
 */
package io.accounts.platform.web;
