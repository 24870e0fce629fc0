package io.orderstream.docs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * Both contract documents are what their specifications say a document is, so that tools
 * (generators, viewers, linters) read them as written: {@code META-INF/openapi.yaml} against the
 * OpenAPI 3.1 schema (its schema objects against OpenAPI's JSON Schema dialect), and
 * {@code docs/asyncapi.yaml} against the AsyncAPI 3.0.0 schema. The specifications' schemas are
 * test resources (see {@code specs/README.md}); nothing is fetched.
 */
class ContractDocumentsTest {
    private static final String OPENAPI_SCHEMA = "https://spec.openapis.org/oas/3.1/schema-base/2021-04-15";
    private static final String ASYNCAPI_SCHEMA = "https://www.asyncapi.com/definitions/3.0.0/asyncapi.json";
    private static final SchemaRegistry SPECIFICATIONS = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12, builder -> builder.schemas(Map.of(
                    OPENAPI_SCHEMA, resource("specs/openapi-3.1-schema-base.json"),
                    "https://spec.openapis.org/oas/3.1/schema/2021-04-15", resource("specs/openapi-3.1-schema.json"),
                    "https://spec.openapis.org/oas/3.1/meta/base", resource("specs/openapi-3.1-meta-base.json"),
                    "https://spec.openapis.org/oas/3.1/dialect/base", resource("specs/openapi-3.1-dialect-base.json"),
                    ASYNCAPI_SCHEMA, resource("specs/asyncapi-3.0.0.json"))));

    @Test
    void theOpenApiDocumentIsOpenApi31() {
        assertThat(errors(OPENAPI_SCHEMA, ContractSchemas.openApiResource()), is(empty()));
    }

    @Test
    void theAsyncApiDocumentIsAsyncApi30() {
        assertThat(errors(ASYNCAPI_SCHEMA, ContractSchemas.asyncApiFile()), is(empty()));
    }

    @Test
    void aMisplacedMemberIsNotEither() {
        String openApi = ContractSchemas.openApiResource();
        String asyncApi = ContractSchemas.asyncApiFile();
        String misplacedOperationField = openApi.replace("      operationId: health\n",
                                                         "      operationId: health\n      closeCodes: [1000]\n");
        String misplacedChannelField = asyncApi.replace("    address: /ws\n", "    address: /ws\n    closeCodes: [1000]\n");
        assertThat(misplacedOperationField, is(not(openApi)));
        assertThat(misplacedChannelField, is(not(asyncApi)));
        assertThat(errors(OPENAPI_SCHEMA, misplacedOperationField), is(not(empty())));
        assertThat(errors(ASYNCAPI_SCHEMA, misplacedChannelField), is(not(empty())));
    }

    private static List<String> errors(String specification, String document) {
        Schema schema = SPECIFICATIONS.getSchema(SchemaLocation.of(specification));
        return schema.validate(document, InputFormat.YAML).stream().map(Error::toString).toList();
    }

    private static String resource(String name) {
        try (InputStream in = ContractDocumentsTest.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(name, e);
        }
    }
}
