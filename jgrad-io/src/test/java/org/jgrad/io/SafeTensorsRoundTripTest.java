package org.jgrad.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jgrad.io.TestTensors.assertSameTensor;
import static org.jgrad.io.TestTensors.pattern;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jgrad.tensor.DType;
import org.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SafeTensorsRoundTripTest {
    @TempDir
    Path dir;

    static Stream<Arguments> dtypesAndShapes() {
        List<int[]> shapes = List.of(new int[] {}, new int[] {5}, new int[] {2, 3}, new int[] {2, 1, 3},
                new int[] {2, 3, 1, 2}, new int[] {0}, new int[] {2, 0, 3});
        return Stream.of(DType.values()).flatMap(d -> shapes.stream().map(s -> Arguments.of(d, s)));
    }

    @ParameterizedTest(name = "{0} shape {1}")
    @MethodSource("dtypesAndShapes")
    void everyRankAndEmptyTensorsComeBackUnchanged(DType dtype, int[] shape) throws Exception {
        Tensor t = pattern(dtype, 0.5, shape);
        Path file = dir.resolve("t.safetensors");

        SafeTensors.write(file, Map.of("t", t));

        assertSameTensor(SafeTensors.read(file).tensor("t"), t);
    }

    @Test
    void mixedDtypesAndMetadataComeBackInFileOrder() throws Exception {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("b.f32", pattern(DType.FLOAT32, 1, 3));          // 12 bytes: would misalign a following F64
        tensors.put("a.f32", pattern(DType.FLOAT32, 2, 1));
        tensors.put("z.f64", pattern(DType.FLOAT64, 3, 2, 2));
        tensors.put("c.f64", pattern(DType.FLOAT64, 4));
        Map<String, String> metadata = Map.of("format", "pt", "note", "é ü — ✓");
        Path file = dir.resolve("mixed.safetensors");

        SafeTensors.write(file, tensors, metadata);
        SafeTensorsFile read = SafeTensors.read(file);

        assertThat(read.tensors().keySet()).containsExactly("c.f64", "z.f64", "a.f32", "b.f32");
        tensors.forEach((name, t) -> assertSameTensor(read.tensor(name), t));
        assertThat(read.metadata()).isEqualTo(metadata);
    }

    @Test
    void specialValuesKeepTheirBits() throws Exception {
        Tensor f = Tensor.of(new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0.0f,
            Float.MIN_VALUE, Float.MAX_VALUE, Float.intBitsToFloat(0x7fc00123)});
        Tensor d = Tensor.of(new double[] {Double.NaN, -0.0, Double.MIN_VALUE, -Double.MAX_VALUE, Math.PI});
        Path file = dir.resolve("special.safetensors");

        SafeTensors.write(file, Map.of("f", f, "d", d));
        SafeTensorsFile read = SafeTensors.read(file);

        assertSameTensor(read.tensor("f"), f);
        assertSameTensor(read.tensor("d"), d);
    }

    @Test
    void tensorsLargerThanOneConversionChunkComeBackUnchanged() throws Exception {
        Tensor f = pattern(DType.FLOAT32, 0, 3, 100_003);              // 1.2 MB, over the 1 MB chunk
        Tensor d = pattern(DType.FLOAT64, 0, 150_001);
        Path file = dir.resolve("big.safetensors");

        SafeTensors.write(file, Map.of("f", f, "d", d));
        SafeTensorsFile read = SafeTensors.read(file);

        assertSameTensor(read.tensor("f"), f);
        assertSameTensor(read.tensor("d"), d);
        assertThat(Files.size(file)).isGreaterThan(3L * 100_003 * 4 + 150_001L * 8);
    }

    @Test
    void theSameTensorsGiveTheSameBytesWhateverTheMapOrder() throws Exception {
        Map<String, Tensor> forward = new LinkedHashMap<>();
        Map<String, Tensor> backward = new LinkedHashMap<>();
        Map<String, Tensor> hashed = new HashMap<>();
        for (int i = 0; i < 12; i++) {
            Tensor t = pattern(i % 2 == 0 ? DType.FLOAT32 : DType.FLOAT64, i, i % 4 + 1);
            forward.put("layer" + i, t);
            hashed.put("layer" + i, t);
        }
        forward.keySet().stream().sorted((a, b) -> b.compareTo(a)).forEach(k -> backward.put(k, forward.get(k)));

        SafeTensors.write(dir.resolve("1"), forward);
        SafeTensors.write(dir.resolve("2"), backward);
        SafeTensors.write(dir.resolve("3"), hashed);

        byte[] first = Files.readAllBytes(dir.resolve("1"));
        assertThat(Files.readAllBytes(dir.resolve("2"))).isEqualTo(first);
        assertThat(Files.readAllBytes(dir.resolve("3"))).isEqualTo(first);
    }

    @Test
    void anEmptyMapIsAValidFile() throws Exception {
        Path file = dir.resolve("empty.safetensors");

        SafeTensors.write(file, Map.of());

        assertThat(Files.readAllBytes(file)).containsExactly(8, 0, 0, 0, 0, 0, 0, 0,
                '{', '}', ' ', ' ', ' ', ' ', ' ', ' ');
        assertThat(SafeTensors.read(file).tensors()).isEmpty();
        assertThat(SafeTensors.read(file).metadata()).isEmpty();
    }

    @Test
    void theMetadataNameCannotBeATensorName() {
        Path file = dir.resolve("x.safetensors");

        assertThatThrownBy(() -> SafeTensors.write(file, Map.of("__metadata__", Tensor.scalar(1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reserved").hasMessageContaining("rename the tensor");
        assertThat(file).doesNotExist();
    }

    @Test
    void askingForAMissingTensorListsTheNames() throws Exception {
        Path file = dir.resolve("x.safetensors");
        SafeTensors.write(file, Map.of("w", Tensor.scalar(1), "b", Tensor.scalar(2)));

        assertThatThrownBy(() -> SafeTensors.read(file).tensor("v"))
                .hasMessageContaining("no tensor named 'v'").hasMessageContaining("b").hasMessageContaining("w");
    }
}
