package io.imagefactory.staterepo;

import io.imagefactory.HumanText;
import io.imagefactory.statefiles.ExternalImageState;
import io.imagefactory.statefiles.ImageState;
import io.imagefactory.vulnerability.ScanRecords;
import io.imagefactory.vulnerability.ScanSummary;
import java.util.List;

/**
 * Records a vulnerability scan in the {@code scans:} of a base image's or an external image's state
 * file: one summary per digest, the newest scan of it, the most recently scanned digests only. A
 * scan already recorded, or older than the one recorded, changes nothing; an owner whose file is
 * gone (unenrolled meanwhile) is skipped, since the scan has nothing left to inform.
 */
public record RecordScan(String owner, boolean base, ScanSummary summary) implements StatePatch {

  @Override
  public String describe() {
    return "record scan of " + HumanText.shortDigest(summary.digest()) + " of " + owner;
  }

  @Override
  public void applyTo(StateFiles files) {
    TypedStateFiles typed = new TypedStateFiles(files);
    if (base) {
      typed
          .base(owner)
          .ifPresent(
              b -> {
                List<ScanSummary> scans = ScanRecords.add(b.scans(), summary, ScanRecords.LIMIT);
                if (scans != b.scans()) {
                  typed.write(b.withScans(scans));
                }
              });
      return;
    }
    typed
        .image(owner)
        .ifPresent(
            image -> {
              if (image instanceof ExternalImageState e) {
                List<ScanSummary> scans = ScanRecords.add(e.scans(), summary, ScanRecords.LIMIT);
                if (scans != e.scans()) {
                  typed.write((ImageState) e.withScans(scans));
                }
              }
            });
  }
}
