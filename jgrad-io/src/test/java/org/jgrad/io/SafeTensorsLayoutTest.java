package org.jgrad.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jgrad.io.TestTensors.assertSameTensor;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jgrad.tensor.DType;
import org.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bytes jgrad writes and accepts, checked against the safetensors specification by hand. */
class SafeTensorsLayoutTest {
    @TempDir
    Path dir;

    @Test
    void aTinyFileHasExactlyTheSpecifiedBytes() throws Exception {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("b", Tensor.of(new float[] {1.0f, -2.5f}));
        tensors.put("a", Tensor.scalar(0.5, DType.FLOAT64));
        Path file = dir.resolve("tiny.safetensors");

        SafeTensors.write(file, tensors, Map.of("k", "v"));

        // 132 bytes of compact JSON: metadata first, then F64 before F32, offsets from the data start.
        String json = "{\"__metadata__\":{\"k\":\"v\"},"
                + "\"a\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}";
        assertThat(json).hasSize(132);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(new byte[] {(byte) 136, 0, 0, 0, 0, 0, 0, 0});                  // u64 LE: 132 + 4 spaces
        expected.write(json.getBytes(StandardCharsets.UTF_8));
        expected.write(new byte[] {' ', ' ', ' ', ' '});                                // pad to a multiple of 8
        expected.write(new byte[] {0, 0, 0, 0, 0, 0, (byte) 0xe0, 0x3f});              // 0.5 as F64 LE
        expected.write(new byte[] {0, 0, (byte) 0x80, 0x3f});                          // 1.0f
        expected.write(new byte[] {0, 0, 0x20, (byte) 0xc0});                          // -2.5f
        assertThat(Files.readAllBytes(file)).containsExactly(expected.toByteArray());
    }

    @Test
    void readsAHandWrittenFileWithSpacesOtherKeyOrdersAndNoPadding() throws Exception {
        // What another writer may legally do: pretty JSON, metadata last, keys in any order, no padding.
        String json = "{ \"w\" : { \"data_offsets\" : [ 4, 12 ], \"shape\" : [ 2, 1 ], \"dtype\" : \"F32\" },\n"
                + "  \"s\" : { \"shape\" : [], \"dtype\" : \"F32\", \"data_offsets\" : [0, 4] },\n"
                + "  \"__metadata__\" : { \"epoch\" : \"7\" } }";
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        assertThat(header.length % 8).isNotZero();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(new byte[] {(byte) header.length, 0, 0, 0, 0, 0, 0, 0});
        bytes.write(header);
        bytes.write(new byte[] {0, 0, 0x40, 0x40});                                    // s = 3.0f
        bytes.write(new byte[] {0, 0, (byte) 0x80, (byte) 0xbf, 0, 0, 0, 0x3f});       // w = [-1.0f, 0.5f]
        Path file = dir.resolve("other.safetensors");
        Files.write(file, bytes.toByteArray());

        SafeTensorsFile read = SafeTensors.read(file);

        assertThat(read.tensors().keySet()).containsExactly("s", "w");                 // the order of the data
        assertSameTensor(read.tensor("s"), Tensor.scalar(3.0));
        assertSameTensor(read.tensor("w"), Tensor.of(new float[] {-1.0f, 0.5f}, 2, 1));
        assertThat(read.metadata()).containsExactly(Map.entry("epoch", "7"));
    }

    @Test
    void everyFloat64ValueIsAlignedToEightBytesInTheFile() throws Exception {
        Map<String, Tensor> tensors = Map.of("a", Tensor.of(new float[] {1, 2, 3}),
                "b", Tensor.of(new double[] {4, 5}), "c", Tensor.of(new float[] {6}), "d", Tensor.scalar(7, DType.FLOAT64));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        SafeTensors.write(out, tensors, Map.of());

        byte[] file = out.toByteArray();
        int headerLength = file[0] & 0xff;
        assertThat(headerLength % 8).isZero();
        String json = new String(file, 8, headerLength, StandardCharsets.UTF_8);
        assertThat(json).contains("\"b\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]}")
                .contains("\"d\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[16,24]}")
                .contains("\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[24,36]}")
                .contains("\"c\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[36,40]}");
        assertThat(file).hasSize(8 + headerLength + 40);
    }
}
