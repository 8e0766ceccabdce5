package org.jgrad.tour;

/** One experiment of the chapter: runs through jgrad's library calls and returns its part of the report. */
interface TourSection {
    String id();

    String title();

    ReportSection run(TourContext context);
}
