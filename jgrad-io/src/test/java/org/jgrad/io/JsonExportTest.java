package org.jgrad.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonExportTest {
    @TempDir
    Path dir;

    record EpochRow(int epoch, double trainLoss, double testAccuracy) {
    }

    @Test
    void aListOfRecordsIsWrittenAsJsonThatJacksonReadsBack() throws Exception {
        List<EpochRow> history = List.of(new EpochRow(1, 0.9, 0.71), new EpochRow(2, 0.45, 0.88));
        Path file = dir.resolve("history.json");

        JsonExport.write(file, history);

        String text = Files.readString(file);
        assertThat(text).contains("\n  ").endsWith("\n");                       // indented, one final newline
        EpochRow[] read = new ObjectMapper().readValue(file.toFile(), EpochRow[].class);
        assertThat(read).containsExactlyElementsOf(history);
        try (var files = Files.list(dir)) {
            assertThat(files).hasSize(1);                                           // no temporary file left
        }
    }

    @Test
    void mapsKeepTheirOrderAndNonFiniteNumbersStayValidJson() throws Exception {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("step", 10);
        row.put("loss", Double.NaN);
        row.put("gradNorm", Double.POSITIVE_INFINITY);
        row.put("layers", List.of("0.weight", "0.bias"));
        Path file = dir.resolve("monitor.json");

        JsonExport.write(file, List.of(row));

        JsonNode read = new ObjectMapper().readTree(file.toFile());                 // strict: NaN tokens would fail
        JsonNode first = read.get(0);
        assertThat(first.fieldNames()).toIterable().containsExactly("step", "loss", "gradNorm", "layers");
        assertThat(first.get("step").asInt()).isEqualTo(10);
        assertThat(first.get("loss").asText()).isEqualTo("NaN");
        assertThat(first.get("gradNorm").asText()).isEqualTo("Infinity");
        assertThat(first.get("layers").get(1).asText()).isEqualTo("0.bias");
    }

    @Test
    void rewritingReplacesTheWholeFile() throws Exception {
        Path file = dir.resolve("h.json");

        JsonExport.write(file, List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
        JsonExport.write(file, List.of(1));

        assertThat(new ObjectMapper().readTree(file.toFile()).size()).isEqualTo(1);
    }
}
