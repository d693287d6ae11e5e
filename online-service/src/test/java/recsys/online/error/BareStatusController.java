package recsys.online.error;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/** For {@link ErrorStatusTest} only (its context sets the property): answers the given status with no body. */
@Controller
@Requires(property = "recsys.test.bare-status", value = "true")
class BareStatusController {

    @Get("/test/bare-status/{status}")
    HttpResponse<?> status(int status) {
        return HttpResponse.status(HttpStatus.valueOf(status));
    }
}
