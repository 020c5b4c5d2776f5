package io.vigil.notify.contacts;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.vigil.auth.Roles;
import io.vigil.validation.OneLine;
import io.vigil.validation.RequestValidator;
import io.vigil.web.ProblemException;

/** The people email notifications go to, each from a minimum severity up. */
@RolesAllowed(Roles.VIEWER)
@Path("/api/v1/contacts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ContactsResource {

    /** A contact as it is read and written: {@code {id, name, email, min_severity}}. */
    public record ContactView(String id, @OneLine(max = 200) String name, @OneLine(max = 320) String email,
            @OneLine(max = 16) String minSeverity) {

        static ContactView of(Contact c) {
            return new ContactView(c.id(), c.name(), c.email(), c.minSeverity().label());
        }
    }

    private final ContactStore contacts;
    private final RequestValidator requests;

    public ContactsResource(ContactStore contacts, RequestValidator requests) {
        this.contacts = contacts;
        this.requests = requests;
    }

    @GET
    public List<ContactView> list() {
        return contacts.all().stream().map(ContactView::of).toList();
    }

    @GET
    @Path("{id}")
    public ContactView get(@PathParam("id") String id) {
        return contacts.get(id).map(ContactView::of).orElseThrow(() -> notFound(id));
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    public Response create(ContactView body) {
        requests.check(body);
        Contact created = contacts.create(parse(body));
        return Response.created(URI.create("/api/v1/contacts/" + created.id())).entity(ContactView.of(created)).build();
    }

    @RolesAllowed(Roles.ADMIN)
    @PUT
    @Path("{id}")
    public ContactView update(@PathParam("id") String id, ContactView body) {
        requests.check(body);
        return contacts.update(id, parse(body)).map(ContactView::of).orElseThrow(() -> notFound(id));
    }

    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        if (!contacts.delete(id)) {
            throw notFound(id);
        }
        return Response.noContent().build();
    }

    private static Contact parse(ContactView body) {
        if (body == null) {
            throw ProblemException.badRequest("send the contact as JSON: {\"name\", \"email\", \"min_severity\"}");
        }
        return Contact.of(null, body.name(), body.email(), body.minSeverity());
    }

    private static ProblemException notFound(String id) {
        return ProblemException.notFound("No contact with id " + id);
    }
}
