package io.imagefactory.kargo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CrdSchemaConverterTest {

  private static final String OPEN_API =
      """
      type: object
      properties:
        port:
          x-kubernetes-int-or-string: true
        note:
          type: string
          nullable: true
        config:
          x-kubernetes-preserve-unknown-fields: true
        items:
          type: array
          x-kubernetes-list-type: set
          items:
            type: object
            properties:
              name: {type: string, format: int32}
      """;

  @ParameterizedTest(name = "{0} -> valid={1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {port: 8080}                          | true
          {port: http}                          | true
          {port: [1]}                           | false
          {note: null}                          | true
          {config: {anything: [1, {x: y}]}}     | true
          {items: [{name: a}]}                  | true
          {items: [{name: a, extra: b}]}        | false
          {unknown: 1}                          | false
          """)
  void judgesLikeTheApiServerAndRejectsFieldsItWouldPrune(String object, boolean valid)
      throws Exception {
    YAMLMapper yaml = new YAMLMapper();
    JsonSchema schema =
        CrdSchemas.FACTORY.getSchema(CrdSchemaConverter.convert(yaml.readTree(OPEN_API)));

    JsonNode node = yaml.readTree(object);

    assertThat(schema.validate(node).isEmpty()).isEqualTo(valid);
  }
}
