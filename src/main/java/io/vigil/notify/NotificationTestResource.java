package io.vigil.notify;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.vigil.auth.Roles;
import io.vigil.validation.OneLine;
import io.vigil.validation.RequestValidator;
import io.vigil.validation.Text;

/** Sends a test notification through one receiver or all of them and answers with what each did. */
@RolesAllowed(Roles.VIEWER)
@Path("/api/v1/notifications/test")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class NotificationTestResource {

    /** {@code receiver}: a receiver's name, or absent for all; {@code message}: the text to send. */
    public record TestRequest(@OneLine(max = 100) String receiver, @Text(max = 2000) String message) {
    }

    public record TestReport(List<ReceiverCheck.Result> results) {
    }

    private final ReceiverCheck check;
    private final RequestValidator requests;

    public NotificationTestResource(ReceiverCheck check, RequestValidator requests) {
        this.check = check;
        this.requests = requests;
    }

    /** On a worker: the body's check may have to build the validator, in the first seconds after a start. */
    @RolesAllowed(Roles.ADMIN)
    @POST
    @Blocking
    public Uni<TestReport> send(TestRequest request) {
        requests.check(request);
        String receiver = request == null || request.receiver() == null || request.receiver().isBlank()
                ? null
                : request.receiver().trim();
        return check.send(receiver, request == null ? null : request.message()).map(TestReport::new);
    }
}
