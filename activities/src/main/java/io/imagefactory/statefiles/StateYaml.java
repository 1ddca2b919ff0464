package io.imagefactory.statefiles;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The Jackson mapper for state files. Output is deterministic: record fields in their declared
 * order, map entries sorted by key, timestamps as UTC ISO-8601, no document marker, no line
 * splitting, and quotes only where a plain scalar would be misread (plus values starting with a
 * digit, so timestamps and versions stay strings for every YAML reader, as in seed 004).
 */
final class StateYaml {

  static final int MAX_DEPTH = 32;

  // One mapper for every reader and writer: it is thread-safe once configured, and a fresh one
  // would build its (de)serializers again for every state view a commit or render opens.
  private static final ObjectMapper MAPPER = newMapper();

  private StateYaml() {}

  static ObjectMapper mapper() {
    return MAPPER;
  }

  private static ObjectMapper newMapper() {
    LoaderOptions limits = new LoaderOptions();
    limits.setNestingDepthLimit(MAX_DEPTH);
    limits.setCodePointLimit(StateFileStore.MAX_BYTES);
    limits.setMaxAliasesForCollections(10);
    YAMLFactory factory =
        YAMLFactory.builder()
            .loaderOptions(limits)
            .streamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
            .stringQuotingChecker(new DigitQuotingChecker())
            .build();
    return new ObjectMapper(factory)
        .registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        // Fields unknown below the blocks that keep them (rebuild records) are dropped, not fatal:
        // an image must stay readable after a newer version wrote its file.
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
  }

  /**
   * Also quotes values that start with a digit (timestamps, versions, tags like {@code 16-alpine}),
   * except short amounts such as {@code 7d} or {@code 90m}.
   */
  private static final class DigitQuotingChecker extends StringQuotingChecker.Default {
    private static final long serialVersionUID = 1L;
    private static final Pattern AMOUNT = Pattern.compile("[0-9]+[a-z]+");

    @Override
    public boolean needToQuoteValue(String value) {
      return super.needToQuoteValue(value)
          || (!value.isEmpty()
              && Character.isDigit(value.charAt(0))
              && !AMOUNT.matcher(value).matches());
    }
  }
}
