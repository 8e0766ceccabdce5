package org.jgrad.tour;

/**
 * One figure of the report: a file-safe id, a title, a caption telling the reader what to see,
 * and the picture as SVG (inlined in the HTML) and PNG (written beside it).
 */
public record Figure(String id, String title, String caption, String svg, byte[] png) {
}
