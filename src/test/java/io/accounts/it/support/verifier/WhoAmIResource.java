package io.accounts.it.support.verifier;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.TreeSet;

/** Reads {@code upn} and {@code groups} the MicroProfile way; {@code @RolesAllowed} guards each method. */
@Path("/")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class WhoAmIResource {

    @Inject
    JsonWebToken jwt;

    @GET
    @Path("whoami")
    @RolesAllowed("user")
    public String whoami() {
        return jwt.getName() + " " + new TreeSet<>(jwt.getGroups());
    }

    @GET
    @Path("admin")
    @RolesAllowed("admin")
    public String admin() {
        return "admin " + jwt.getName();
    }
}
