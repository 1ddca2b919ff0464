package io.imagefactory.kargo;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Writes Kubernetes objects as one multi-document YAML file in kubectl's layout. */
final class ManifestYaml {

  private static final ObjectWriter WRITER =
      new YAMLMapper(
              YAMLFactory.builder()
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                  .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
                  .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                  .disable(YAMLGenerator.Feature.SPLIT_LINES)
                  .stringQuotingChecker(new Yaml11Quoting())
                  .build())
          .writer();

  private ManifestYaml() {}

  /**
   * Kubernetes reads manifests as YAML 1.1, where an unquoted {@code 2024-01-01} is a timestamp and
   * {@code 1:20} a sexagesimal number; a tag or name like that must stay a string.
   */
  private static final class Yaml11Quoting extends StringQuotingChecker.Default {

    private static final Pattern YAML11_SCALAR =
        Pattern.compile(
            "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?"
                + "|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?"
                + "|0o[0-7]+");

    @Override
    public boolean needToQuoteValue(String value) {
      return super.needToQuoteValue(value) || YAML11_SCALAR.matcher(value).matches();
    }
  }

  /** The header, then every object as its own {@code ---} document, in the order given. */
  static String write(String header, List<Map<String, Object>> objects) {
    StringWriter out = new StringWriter(1024 + 1024 * objects.size());
    out.write(header);
    try (SequenceWriter documents = WRITER.writeValues(out)) {
      for (Map<String, Object> object : objects) {
        documents.write(object);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing YAML to memory failed", e);
    }
    return out.toString();
  }
}
