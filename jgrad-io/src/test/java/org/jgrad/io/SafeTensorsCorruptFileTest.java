package org.jgrad.io;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.stream.Stream;
import org.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way a safetensors file can be broken gives an error that names the file and the fault. */
class SafeTensorsCorruptFileTest {
    private static final String OK = "\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]";

    @TempDir
    Path dir;

    static Stream<Arguments> brokenHeaders() {
        return Stream.of(
                Arguments.of("not JSON", "{\"a\":{" + OK + "}", 8, "not valid JSON"),
                Arguments.of("not an object", "[1, 2]", 0, "does not start with '{'"),
                Arguments.of("binary junk", "\u0001\u0002garbage", 0, "does not start with '{'"),
                Arguments.of("trailing junk", "{\"a\":{" + OK + "}} x", 8, "not valid JSON"),
                Arguments.of("duplicate name", "{\"a\":{" + OK + "},\"a\":{" + OK + "}}", 8, "not valid JSON"),
                Arguments.of("F16", "{\"h\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4,
                        "tensor 'h' has dtype F16; F16 is not supported"),
                Arguments.of("no dtype", "{\"a\":{\"shape\":[2],\"data_offsets\":[0,8]}}", 8, "tensor 'a' has no dtype"),
                Arguments.of("no shape", "{\"a\":{\"dtype\":\"F32\",\"data_offsets\":[0,8]}}", 8, "tensor 'a' has no shape"),
                Arguments.of("negative dim", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2,-1],\"data_offsets\":[0,8]}}", 8,
                        "tensor 'a' has shape [2,-1]: dimensions must be >= 0"),
                Arguments.of("fractional dim", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,8]}}", 8,
                        "dimensions must be integers"),
                Arguments.of("one offset", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0]}}", 8,
                        "expected [begin, end]"),
                Arguments.of("begin after end", "{\"a\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[8,0]}}", 8,
                        "begin is after end"),
                Arguments.of("size mismatch", "{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8,
                        "cover 8 bytes but F32 shape [3] needs 12"),
                Arguments.of("past the end", "{\"a\":{" + OK + "}}", 4, "run past the end of the data"),
                Arguments.of("overlap", "{\"a\":{" + OK + "},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}",
                        8, "overlap"),
                Arguments.of("gap", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8,
                        "bytes [0, 4) of the data belong to no tensor"),
                Arguments.of("trailing data", "{\"a\":{" + OK + "}}", 12, "the last 4 bytes of the data belong to no tensor"),
                Arguments.of("numeric metadata", "{\"__metadata__\":{\"epoch\":3}}", 0, "strings to strings only"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenHeaders")
    void aBrokenHeaderIsReportedWithTheFileName(String label, String header, int dataBytes, String fault)
            throws IOException {
        Path file = dir.resolve(label.replace(' ', '_') + ".safetensors");
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        Files.write(file, file(json.length, json, new byte[dataBytes]));

        assertFails(file, fault);
    }

    @Test
    void anEmptyOrTinyFileIsTooShort() throws IOException {
        Path empty = Files.write(dir.resolve("empty.safetensors"), new byte[0]);
        Path tiny = Files.write(dir.resolve("tiny.safetensors"), new byte[5]);

        assertFails(empty, "0 bytes long, too short");
        assertFails(tiny, "5 bytes long, too short");
    }

    @Test
    void aHeaderLengthLargerThanTheFileIsReported() throws IOException {
        byte[] json = "{}".getBytes(StandardCharsets.UTF_8);
        Path longer = Files.write(dir.resolve("longer.safetensors"), file(1000, json, new byte[0]));
        Path huge = Files.write(dir.resolve("huge.safetensors"), file(-1L, json, new byte[0]));

        assertFails(longer, "header length is 1000 bytes but the file has only 2 bytes after it");
        assertFails(huge, "header length is 18446744073709551615 bytes");
    }

    @Test
    void aTruncatedFileIsReported() throws IOException {
        Path file = dir.resolve("cut.safetensors");
        SafeTensors.write(file, Map.of("w", Tensor.zeros(3, 4)));
        try (var channel = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(Files.size(file) - 4);
        }

        assertFails(file, "tensor 'w' (F32 [3, 4], bytes [0, 48)): data_offsets run past the end of the data");
    }

    @Test
    void aMissingFileIsAnErrorNamingIt() {
        Path file = dir.resolve("nowhere.safetensors");

        assertThatThrownBy(() -> SafeTensors.read(file)).isInstanceOf(java.nio.file.NoSuchFileException.class)
                .hasMessageContaining(file.toString());
    }

    private static void assertFails(Path file, String fault) {
        assertThatThrownBy(() -> SafeTensors.read(file))
                .isInstanceOf(FileFormatException.class)
                .hasMessageStartingWith(file + ": ")
                .hasMessageContaining(fault);
    }

    private static byte[] file(long headerLength, byte[] header, byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(headerLength).array());
        out.write(header);
        out.write(data);
        return out.toByteArray();
    }
}
