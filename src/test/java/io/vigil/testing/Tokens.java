package io.vigil.testing;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * The test profile's admin token ({@code %test.vigil.auth.initial-admin-token}), sent by every RestAssured request
 * that names no other: most tests are about features, not access. A test that wants to be anonymous says
 * {@code given().noFilters()}.
 */
public class Tokens implements QuarkusTestBeforeEachCallback {

    public static final String ADMIN = "test-admin-token-0123456789abcdef";

    /** Adds the admin token to requests without an Authorization header. */
    public static final class AsAdmin implements Filter {

        @Override
        public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
                FilterContext context) {
            if (!request.getHeaders().hasHeaderWithName("Authorization")) {
                request.header("Authorization", "Bearer " + ADMIN);
            }
            return context.next(request, response);
        }
    }

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        if (RestAssured.filters().stream().noneMatch(f -> f instanceof AsAdmin)) {
            RestAssured.filters(new AsAdmin());
        }
    }
}
