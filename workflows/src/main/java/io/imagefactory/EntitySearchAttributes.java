package io.imagefactory;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.common.SearchAttributeKey;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * The search attributes every entity workflow sets, so that an operator can find, say, all images
 * waiting for a rebuild in the Temporal UI: {@code RebuildPending = true}.
 */
public final class EntitySearchAttributes {

  public static final SearchAttributeKey<String> IMAGE_NAME =
      SearchAttributeKey.forKeyword("ImageName");
  public static final SearchAttributeKey<String> IMAGE_KIND =
      SearchAttributeKey.forKeyword("ImageKind");
  public static final SearchAttributeKey<List<String>> BASE_IMAGES =
      SearchAttributeKey.forKeywordList("BaseImages");
  public static final SearchAttributeKey<Boolean> REBUILD_PENDING =
      SearchAttributeKey.forBoolean("RebuildPending");
  public static final SearchAttributeKey<OffsetDateTime> REBUILD_ELIGIBLE_AT =
      SearchAttributeKey.forOffsetDateTime("RebuildEligibleAt");

  /** The outcome of the image's last rebuild: {@code dispatched}, {@code failed}, {@code built}. */
  public static final SearchAttributeKey<String> REBUILD_OUTCOME =
      SearchAttributeKey.forKeyword("RebuildOutcome");

  /** The attributes a namespace must have registered, with their types. */
  public static final Map<String, IndexedValueType> DEFINITIONS =
      Map.of(
          "ImageName", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
          "ImageKind", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
          "BaseImages", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
          "RebuildPending", IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
          "RebuildEligibleAt", IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
          "RebuildOutcome", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);

  private EntitySearchAttributes() {}
}
