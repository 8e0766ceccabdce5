package org.jgrad.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading feature tables from CSV: headers, label columns, and errors that name the file and the line. */
class CsvFeaturesTest {
    @TempDir
    Path dir;

    private Path csv(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    @Test
    void readsRowsWithAHeaderAndDropsTheLabelColumn() throws IOException {
        Path file = csv("a.csv", "x1,label,x2\n1.5,0,2\n\n\"3\",1,-4e-1\n");
        FeatureTable t = FeatureTable.read(file, "label");
        assertThat(t.rows()).isEqualTo(2);
        assertThat(t.columns()).isEqualTo(2);
        assertThat(t.values()).containsExactly(1.5f, 2f, 3f, -0.4f);
        assertThat(FeatureTable.read(file, "1").values()).containsExactly(1.5f, 2f, 3f, -0.4f);
    }

    @Test
    void readsRowsWithoutAHeader() throws IOException {
        FeatureTable t = FeatureTable.read(csv("b.csv", "1,2,3\n4,5,6\n"), null);
        assertThat(t.rows()).isEqualTo(2);
        assertThat(t.columns()).isEqualTo(3);
        assertThat(FeatureTable.read(csv("c.csv", "1,2,3\n4,5,6\n"), "0").values()).containsExactly(2f, 3f, 5f, 6f);
    }

    @Test
    void aCellThatIsNotANumberNamesFileLineAndColumn() throws IOException {
        Path file = csv("bad.csv", "a,b\n1,2\n3,x7\n");
        assertThatThrownBy(() -> FeatureTable.read(file, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + " line 3: column 1 ('b') holds 'x7', which is not a number");
    }

    @Test
    void aRowOfTheWrongLengthNamesItsLine() throws IOException {
        Path file = csv("ragged.csv", "1,2,3\n4,5,6\n\n7,8\n");
        assertThatThrownBy(() -> FeatureTable.read(file, null))
                .hasMessage(file + " line 4: 2 columns, expected 3 as on line 1");
    }

    @Test
    void nonFiniteValuesEmptyFilesAndUnknownColumnsAreNamed() throws IOException {
        Path nan = csv("nan.csv", "1,2\n3,NaN\n");
        assertThatThrownBy(() -> FeatureTable.read(nan, null)).hasMessage(nan + " line 2: column 1 holds NaN; features must be finite numbers");
        Path headerOnly = csv("empty.csv", "a,b\n\n");
        assertThatThrownBy(() -> FeatureTable.read(headerOnly, null)).hasMessage(headerOnly + ": no data rows after the header");
        Path named = csv("named.csv", "a,b\n1,2\n");
        assertThatThrownBy(() -> FeatureTable.read(named, "y")).hasMessage(named + ": --label-column 'y' is not in the header [a, b]");
        Path plain = csv("plain.csv", "1,2\n");
        assertThatThrownBy(() -> FeatureTable.read(plain, "5")).hasMessageContaining("--label-column 5 is past the last column");
        assertThatThrownBy(() -> FeatureTable.read(dir.resolve("missing.csv"), null)).hasMessageContaining("missing.csv: no such file");
    }

    @Test
    void aFolderMustHoldExactlyOneImagesFile() throws IOException {
        Files.writeString(dir.resolve("train-images-idx3-ubyte"), "");
        Files.writeString(dir.resolve("t10k-images-idx3-ubyte"), "");
        assertThatThrownBy(() -> FeatureTable.read(dir, null))
                .hasMessageContaining("holds 2 IDX images files (t10k-images-idx3-ubyte, train-images-idx3-ubyte): pass the file itself");
    }
}
