package org.jgrad.tour;

/** Section 8: distribution shift (filled in when the shift library lands). */
final class ShiftSection implements TourSection {
    @Override
    public String id() {
        return "shift";
    }

    @Override
    public String title() {
        return "8. Environment and distribution shift";
    }

    @Override
    public ReportSection run(TourContext ctx) {
        return new ReportSection(id(), title()).text("pending");
    }
}
