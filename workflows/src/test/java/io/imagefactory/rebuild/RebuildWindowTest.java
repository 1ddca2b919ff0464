package io.imagefactory.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RebuildWindowTest {

  private static final RebuildWindow OFFICE =
      new RebuildWindow(
          "Europe/London",
          List.of(new WindowRange(List.of("Mon", "Tue", "Wed", "Thu"), "09:00", "16:00")));

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    // Inside: Tuesday 10:00 BST is 09:00 UTC.
    "2025-06-10T09:00:00Z, 2025-06-10T09:00:00Z",
    // Before the day's opening.
    "2025-06-10T07:00:00Z, 2025-06-10T08:00:00Z",
    // After Thursday's closing: next Monday 09:00 BST.
    "2025-06-12T15:00:00Z, 2025-06-16T08:00:00Z",
    // The closing instant itself is outside.
    "2025-06-10T15:00:00Z, 2025-06-11T08:00:00Z",
    // Winter (GMT): Monday 09:00 is 09:00 UTC.
    "2025-01-06T08:59:00Z, 2025-01-06T09:00:00Z",
  })
  void opensAtTheNextRangeStartInTheWindowsZone(Instant at, Instant opening) {
    assertThat(OFFICE.nextOpening(at)).isEqualTo(opening);
    assertThat(OFFICE.isOpen(at)).isEqualTo(at.equals(opening));
  }

  @Test
  void followsTheWallClockAcrossTheSpringChange() {
    // Clocks go forward on Sunday 30 March 2025: Friday evening is GMT, Monday morning BST.
    assertThat(OFFICE.nextOpening(Instant.parse("2025-03-28T18:00:00Z")))
        .isEqualTo(Instant.parse("2025-03-31T08:00:00Z"));
    RebuildWindow sunday =
        new RebuildWindow(
            "Europe/London", List.of(new WindowRange(List.of("Sun"), "01:30", "03:00")));
    // 01:30 does not exist that Sunday: it moves forward by the gap's hour, to 02:30 BST.
    assertThat(sunday.nextOpening(Instant.parse("2025-03-30T00:00:00Z")))
        .isEqualTo(Instant.parse("2025-03-30T01:30:00Z"));
    assertThat(sunday.closesAfter(Instant.parse("2025-03-30T01:30:00Z")))
        .isEqualTo(Instant.parse("2025-03-30T02:00:00Z"));
  }

  @Test
  void followsTheWallClockAcrossTheAutumnChange() {
    // Clocks go back on Sunday 26 October 2025: Friday evening is BST, Monday morning GMT.
    assertThat(OFFICE.nextOpening(Instant.parse("2025-10-24T16:00:00Z")))
        .isEqualTo(Instant.parse("2025-10-27T09:00:00Z"));
    RebuildWindow sunday =
        new RebuildWindow(
            "Europe/London", List.of(new WindowRange(List.of("Sun"), "01:30", "03:00")));
    // 01:30 happens twice; the earlier one (BST, 00:30 UTC) opens the window.
    assertThat(sunday.nextOpening(Instant.parse("2025-10-26T00:00:00Z")))
        .isEqualTo(Instant.parse("2025-10-26T00:30:00Z"));
    assertThat(sunday.closesAfter(Instant.parse("2025-10-26T01:00:00Z")))
        .isEqualTo(Instant.parse("2025-10-26T03:00:00Z"));
  }

  @Test
  void aRangeToMidnightEndsAtTheNextDaysStart() {
    RebuildWindow evenings =
        new RebuildWindow("UTC", List.of(new WindowRange(List.of("Fri"), "20:00", "24:00")));
    assertThat(evenings.isOpen(Instant.parse("2025-06-13T23:59:00Z"))).isTrue();
    assertThat(evenings.nextOpening(Instant.parse("2025-06-14T00:00:00Z")))
        .isEqualTo(Instant.parse("2025-06-20T20:00:00Z"));
  }

  @Test
  void namesEveryProblemWithItsField() {
    RebuildWindow bad =
        new RebuildWindow(
            "Europe/Londres",
            List.of(
                new WindowRange(List.of("Mon"), "09:00", "12:00"),
                new WindowRange(List.of("Mon", "Tue"), "11:00", "11:00")));
    assertThat(bad.problems())
        .containsExactly(
            "timeZone: 'Europe/Londres' is not a known time zone (an IANA zone such as"
                + " Europe/London, America/New_York or UTC)",
            "ranges[2].to: 11:00 is not after from 11:00 (a range ends on its own day; split an"
                + " overnight range in two)");
    RebuildWindow overlapping =
        new RebuildWindow(
            "UTC",
            List.of(
                new WindowRange(List.of("Mon", "Tue"), "09:00", "12:00"),
                new WindowRange(List.of("Tue"), "11:00", "16:00")));
    assertThat(overlapping.problems())
        .containsExactly("ranges: ranges 1 (09:00-12:00) and 2 (11:00-16:00) overlap on Tue");
    assertThat(new RebuildWindow("UTC", List.of()).problems())
        .containsExactly("ranges: the window has no range, so no rebuild could ever be dispatched");
  }
}
