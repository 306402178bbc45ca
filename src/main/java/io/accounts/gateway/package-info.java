/**
 * The authorizer's decision served to gateways: API Gateway's TOKEN authorizer ({@code POST /authorize}) and
 * forward-auth for nginx, Traefik and Envoy ({@code GET /authorize}). Stands on {@code security}.
 */
package io.accounts.gateway;
