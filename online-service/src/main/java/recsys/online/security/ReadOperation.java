package recsys.online.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a route that changes nothing although its method is not GET: a POST whose body is a query (an anonymous
 * session's ratings), which a visitor without the write key must be able to call. {@link ApiKeyFilter} treats it as a
 * read: open unless {@code recsys.protect-reads} is true.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ReadOperation {
}
