package io.imagefactory.catalog;

import io.imagefactory.catalog.yaml.Quoted;
import io.imagefactory.catalog.yaml.YamlNodes;
import io.imagefactory.rebuild.RebuildWindow;
import io.imagefactory.reference.ImageReferenceRules;
import io.imagefactory.reference.ResourceNames;
import io.imagefactory.signature.VerifyRule;
import io.imagefactory.statefiles.FastPathSetting;
import io.imagefactory.statefiles.SourceConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the node tree of {@code images.yaml} into entries, checking the file's shape, every field
 * of every entry, and that names and images are enrolled once; every problem goes to {@link
 * CatalogErrors}.
 */
public final class CatalogValidator {

  static final List<String> ENTRY_FIELDS =
      List.of(
          "name",
          "registry",
          "repository",
          "source",
          "rebuildDelay",
          "autoRebuild",
          "allowTags",
          "imageSelectionStrategy",
          "owner",
          "system",
          RebuildWindowValidator.FIELD,
          FastPathValidator.FIELD);

  /** The settings {@code defaults:} may give every entry. */
  static final List<String> DEFAULT_FIELDS =
      List.of(RebuildWindowValidator.FIELD, FastPathValidator.FIELD);

  private static final String EMPTY_HINT = " (write 'images: []' to enroll no images)";

  private final CatalogErrors errors;
  private final Map<String, ImageEntry> byName = new HashMap<>();
  private final Map<String, ImageEntry> byImage = new HashMap<>();
  private RebuildWindow defaultWindow;
  private FastPathSetting defaultFastPath;
  private final Function<String, Optional<byte[]>> files;
  private List<VerifyRule> verifyRules = List.of();

  CatalogValidator(CatalogErrors errors) {
    this(errors, null);
  }

  /** {@code files} reads the state repository's files (key files); null when there are none. */
  CatalogValidator(CatalogErrors errors, Function<String, Optional<byte[]>> files) {
    this.errors = errors;
    this.files = files;
  }

  /** The {@code verify:} rules read by {@link #read}, in file order. */
  List<VerifyRule> verifyRules() {
    return verifyRules;
  }

  List<ImageEntry> read(Node root) {
    List<ImageEntry> entries = new ArrayList<>();
    List<Node> items = entryNodes(root);
    for (int i = 0; i < items.size(); i++) {
      entries.add(readEntry(items.get(i), i + 1));
    }
    return entries;
  }

  private List<Node> entryNodes(Node root) {
    if (root == null || YamlNodes.isNull(root)) {
      errors.add(null, null, null, "the file is empty" + EMPTY_HINT);
      return List.of();
    }
    if (root instanceof SequenceNode sequence) {
      return sequence.getValue();
    }
    if (root instanceof MappingNode mapping) {
      YamlFields top = new YamlFields(mapping, null, "", errors);
      top.rejectUnknown(List.of("images", "defaults", VerifyRuleValidator.FIELD));
      readDefaults(top);
      verifyRules = VerifyRuleValidator.read(top, errors, files);
      Node images = top.node("images");
      if (images instanceof SequenceNode sequence) {
        return sequence.getValue();
      }
      top.error(
          "images",
          "expected a list of images, got "
              + (images == null ? "no 'images:' key" : YamlNodes.describe(images))
              + EMPTY_HINT);
      return List.of();
    }
    errors.add(
        root.getStartMark(),
        null,
        null,
        "expected a list of images or a mapping with 'images:', got " + YamlNodes.describe(root));
    return List.of();
  }

  /** {@code defaults:} holds what every entry takes unless it says otherwise. */
  private void readDefaults(YamlFields top) {
    Node node = top.node("defaults");
    if (node == null || YamlNodes.isNull(node)) {
      return;
    }
    if (!(node instanceof MappingNode mapping)) {
      top.error(
          "defaults",
          "expected a mapping such as {rebuildWindow: ...}, got " + YamlNodes.describe(node));
      return;
    }
    YamlFields defaults = YamlFields.of(mapping, CatalogError.DEFAULTS, errors);
    defaults.rejectUnknown(DEFAULT_FIELDS);
    defaultWindow = RebuildWindowValidator.read(defaults).window();
    defaultFastPath = FastPathValidator.read(defaults).setting();
  }

  private ImageEntry readEntry(Node node, int index) {
    String label = "#" + index;
    if (!(node instanceof MappingNode mapping)) {
      errors.add(
          node.getStartMark(),
          label,
          null,
          "expected a mapping with name, registry and"
              + " repository, got "
              + YamlNodes.describe(node));
      return null;
    }
    YamlFields probe = new YamlFields(mapping, label, "", new CatalogErrors(errors.file()));
    String probedName = probe.string("name");
    String entry = probedName != null && ResourceNames.isValid(probedName) ? probedName : label;
    YamlFields fields = new YamlFields(mapping, entry, "", errors);
    fields.rejectUnknown(ENTRY_FIELDS);

    String name = fields.checked("name", fields.requiredString("name"), ResourceNames::problem);
    String registry =
        fields.checked("registry", fields.requiredText("registry"), ImageReferenceRules::registry);
    String repository =
        fields.checked(
            "repository",
            fields.requiredString("repository"),
            value -> ImageReferenceRules.repository(value, registry));
    SourceConfig source = SourceValidator.read(fields);
    String rebuildDelay =
        fields.checked(
            "rebuildDelay", fields.string("rebuildDelay"), CatalogValidator::rebuildDelay);
    Boolean autoRebuild = fields.bool("autoRebuild");
    RebuildWindowValidator.Read window = RebuildWindowValidator.read(fields);
    FastPathValidator.Read fastPath = FastPathValidator.read(fields);
    String allowTags =
        fields.checked("allowTags", fields.string("allowTags"), SubscriptionRules::allowTags);
    String strategy =
        fields.checked(
            "imageSelectionStrategy",
            fields.string("imageSelectionStrategy"),
            SubscriptionRules::strategy);
    String owner = fields.checked("owner", fields.string("owner"), EntityRefRules::owner);
    String system = fields.checked("system", fields.string("system"), EntityRefRules::system);
    if ("Digest".equals(strategy) && !fields.has("source")) {
      // Rendering needs the one tag the digest is followed on; an entry it could not watch is
      // refused here rather than enrolled and left unwatched.
      if (allowTags != null && ExactTag.of(allowTags).isEmpty()) {
        fields.error(
            "allowTags", Quoted.of(allowTags) + " matches more than one tag; " + ExactTag.EXPECTED);
      } else if (!fields.has("allowTags")) {
        fields.error(
            "allowTags", "is required with imageSelectionStrategy Digest; " + ExactTag.EXPECTED);
      }
    }
    if (!fields.has("source") && fields.has(RebuildWindowValidator.FIELD)) {
      fields.error(
          RebuildWindowValidator.FIELD,
          "applies to managed images only (an external image is never rebuilt)");
    }
    if (!fields.has("source") && fields.has(FastPathValidator.FIELD)) {
      fields.error(
          FastPathValidator.FIELD,
          "applies to managed images only (an external image is never rebuilt; its scans"
              + " reach the managed images built on it)");
    }
    if (fields.has("source")) {
      for (String externalOnly : List.of("allowTags", "imageSelectionStrategy")) {
        if (fields.has(externalOnly)) {
          fields.error(
              externalOnly,
              "applies to external images only (this image has a source;"
                  + " Image Factory follows its builds)");
        }
      }
    }
    ImageEntry read =
        new ImageEntry(
            name,
            registry,
            repository,
            source,
            rebuildDelay,
            autoRebuild,
            allowTags,
            strategy,
            owner,
            system,
            mapping.getStartMark().getLine() + 1,
            !fields.has("source") ? null : window.present() ? window.window() : defaultWindow,
            !fields.has("source")
                ? null
                : fastPath.present() ? fastPath.setting() : defaultFastPath);
    checkUnique(read, fields);
    return read;
  }

  /** Names and images are each enrolled once: they name state files and Warehouses. */
  private void checkUnique(ImageEntry entry, YamlFields fields) {
    if (entry.name() != null) {
      ImageEntry first = byName.putIfAbsent(entry.name(), entry);
      if (first != null) {
        fields.error(
            "name", "'" + entry.name() + "' is already used by the entry at line " + first.line());
      }
    }
    if (entry.name() != null && entry.registry() != null && entry.repository() != null) {
      ImageEntry first = byImage.putIfAbsent(entry.repoUrl(), entry);
      if (first != null && !first.name().equals(entry.name())) {
        fields.error(
            "repository",
            entry.repoUrl()
                + " is already enrolled as '"
                + first.name()
                + "' (line "
                + first.line()
                + ")");
      }
    }
  }

  private static Optional<String> rebuildDelay(String text) {
    try {
      RebuildDelay.parse(text);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }
}
