package io.vigil.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;


/**
 * The servers every {@code @QuarkusTest} of Vigil talks to: the HxRun database, RabbitMQ and Redis (behind proxies
 * the tests can cut). One set for all, so all test classes share one running application.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SharedTestResources
public @interface SharedTestResources {
}
