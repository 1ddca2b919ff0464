package io.imagefactory.image;

import io.imagefactory.vulnerability.ScanRecords;
import io.imagefactory.vulnerability.ScanSummary;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The vulnerability scans an image workflow keeps: those of its bases' digests, handed on by the
 * bases, which decide its fast path; and, for an external image, those of its own digests, which it
 * records and hands on to the images built on it. Each bounded like a base's.
 *
 * @param bases per base, its scans (one per digest, the most recently scanned last)
 * @param own the scans of this image's own digests
 */
public record ImageScans(Map<String, List<ScanSummary>> bases, List<ScanSummary> own) {

  public static final ImageScans NONE = new ImageScans(Map.of(), List.of());

  public ImageScans {
    // Sorted, so the payload is the same whatever order the scans came in.
    bases = bases == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(bases));
    own = own == null ? List.of() : List.copyOf(own);
  }

  /** With a scan of a digest of {@code base}; the same record when it changes nothing. */
  public ImageScans withBase(String base, ScanSummary scan) {
    List<ScanSummary> before = bases.getOrDefault(base, List.of());
    List<ScanSummary> after = ScanRecords.add(before, scan, ScanRecords.LIMIT);
    if (after == before) {
      return this;
    }
    Map<String, List<ScanSummary>> next = new TreeMap<>(bases);
    next.put(base, after);
    return new ImageScans(next, own);
  }

  /** With a scan of one of this image's own digests; the same record when it changes nothing. */
  public ImageScans withOwn(ScanSummary scan) {
    List<ScanSummary> after = ScanRecords.add(own, scan, ScanRecords.LIMIT);
    return after == own ? this : new ImageScans(bases, after);
  }

  /** Without the scans of bases the image no longer has. */
  public ImageScans retainBases(List<String> baseImages) {
    if (baseImages.containsAll(bases.keySet())) {
      return this;
    }
    Map<String, List<ScanSummary>> next = new TreeMap<>(bases);
    next.keySet().retainAll(baseImages);
    return new ImageScans(next, own);
  }
}
