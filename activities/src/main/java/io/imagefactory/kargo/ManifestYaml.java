package io.imagefactory.kargo;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Writes Kubernetes objects as one multi-document YAML file in kubectl's layout: the layout and
 * quoting of Jackson's YAML writer as configured here, produced by {@link YamlEmitter} wherever it
 * can be sure of it (every object Image Factory renders), and by Jackson itself otherwise.
 */
public final class ManifestYaml {

  private ManifestYaml() {}

  /** Jackson's writer; built on first use, since most renders never need it. */
  private static final class Jackson {
    static final ObjectWriter WRITER =
        new YAMLMapper(
                YAMLFactory.builder()
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                    .disable(YAMLGenerator.Feature.SPLIT_LINES)
                    .stringQuotingChecker(new Yaml11Quoting())
                    .build())
            .writer();
  }

  /** The header, then every object as its own {@code ---} document, in the order given. */
  static String write(String header, List<Map<String, Object>> objects) {
    StringBuilder out = new StringBuilder(1024 + 1024 * objects.size());
    out.append(header);
    for (Map<String, Object> object : objects) {
      document(out, object);
    }
    return out.toString();
  }

  /** Appends one object as a {@code ---} document. */
  public static void document(StringBuilder out, Map<String, Object> object) {
    if (!YamlEmitter.document(out, object)) {
      out.append(withJackson("", List.of(object)));
    }
  }

  /** What Jackson's writer gives for the objects: the reference the emitter is tested against. */
  static String withJackson(String header, List<Map<String, Object>> objects) {
    StringWriter out = new StringWriter(1024 + 1024 * objects.size());
    out.write(header);
    try (SequenceWriter documents = Jackson.WRITER.writeValues(out)) {
      for (Map<String, Object> object : objects) {
        documents.write(object);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing YAML to memory failed", e);
    }
    return out.toString();
  }

  /**
   * How Jackson writes {@code value} as a one-line mapping value or sequence item, or null when it
   * would not fit on one line.
   */
  static String scalarWithJackson(String value) {
    String document = withJackson("", List.of(Map.of("v", value)));
    String prefix = "---\nv: ";
    if (!document.startsWith(prefix)
        || document.indexOf('\n', prefix.length()) != document.length() - 1) {
      return null;
    }
    return document.substring(prefix.length(), document.length() - 1);
  }
}
