package recsys.online.recommend;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The OpenAPI documentation of {@link ListQuery}'s parameters, written once for every listing endpoint (the
 * controllers read the values raw, so no method parameter carries these).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Parameters({
    @Parameter(name = ListQuery.LIMIT, in = ParameterIn.QUERY, description = ListQuery.LIMIT_DOC,
            schema = @Schema(type = "integer", minimum = "1", defaultValue = "10")),
    @Parameter(name = ListQuery.OFFSET, in = ParameterIn.QUERY, description = ListQuery.OFFSET_DOC,
            schema = @Schema(type = "integer", minimum = "0", defaultValue = "0")),
    @Parameter(name = ListQuery.RETURN_METADATA, in = ParameterIn.QUERY, description = ListQuery.RETURN_METADATA_DOC,
            schema = @Schema(type = "string", defaultValue = "false")),
    @Parameter(name = ListQuery.EXPLAIN, in = ParameterIn.QUERY, description = ListQuery.EXPLAIN_DOC,
            schema = @Schema(type = "string", defaultValue = "false")),
    @Parameter(name = ListQuery.GENRE, in = ParameterIn.QUERY, description = ListQuery.GENRE_DOC,
            array = @ArraySchema(schema = @Schema(type = "string"))),
    @Parameter(name = ListQuery.GENRE_MODE, in = ParameterIn.QUERY, description = ListQuery.GENRE_MODE_DOC,
            schema = @Schema(type = "string", allowableValues = {"any", "all"}, defaultValue = "any")),
    @Parameter(name = ListQuery.EXCLUDE_GENRE, in = ParameterIn.QUERY, description = ListQuery.EXCLUDE_GENRE_DOC,
            array = @ArraySchema(schema = @Schema(type = "string"))),
    @Parameter(name = ListQuery.YEAR_FROM, in = ParameterIn.QUERY, description = ListQuery.YEAR_FROM_DOC,
            schema = @Schema(type = "integer")),
    @Parameter(name = ListQuery.YEAR_TO, in = ParameterIn.QUERY, description = ListQuery.YEAR_TO_DOC,
            schema = @Schema(type = "integer")),
    @Parameter(name = ListQuery.EXCLUDE, in = ParameterIn.QUERY, description = ListQuery.EXCLUDE_DOC,
            array = @ArraySchema(schema = @Schema(type = "string")))
})
public @interface ListParameters {
}
