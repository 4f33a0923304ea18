package dev.cachet.engine.cache;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/** Answer text as stored in SQLite: UTF-8, deflated when larger than a threshold. */
final class ValueCodec {

    record Encoded(byte[] bytes, boolean compressed, int rawBytes) { }

    private final int compressAboveBytes;

    ValueCodec(int compressAboveBytes) { this.compressAboveBytes = compressAboveBytes; }

    Encoded encode(String text) {
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        if (raw.length <= compressAboveBytes) return new Encoded(raw, false, raw.length);
        var deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        try {
            deflater.setInput(raw);
            deflater.finish();
            var out = new ByteArrayOutputStream(raw.length / 2 + 64);
            byte[] buf = new byte[8192];
            while (!deflater.finished()) out.write(buf, 0, deflater.deflate(buf));
            byte[] packed = out.toByteArray();
            // Incompressible text is kept raw: never pay inflate for nothing.
            return packed.length < raw.length ? new Encoded(packed, true, raw.length) : new Encoded(raw, false, raw.length);
        } finally {
            deflater.end();
        }
    }

    String decode(byte[] bytes, boolean compressed, int rawBytes) {
        if (!compressed) return new String(bytes, StandardCharsets.UTF_8);
        var inflater = new Inflater();
        try {
            inflater.setInput(bytes);
            byte[] raw = new byte[rawBytes];
            int n = 0;
            while (n < rawBytes && !inflater.finished()) {
                int got = inflater.inflate(raw, n, rawBytes - n);
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) break;
                n += got;
            }
            if (n != rawBytes) throw new IllegalStateException("stored value is damaged: inflated " + n + " of " + rawBytes + " bytes");
            return new String(raw, StandardCharsets.UTF_8);
        } catch (DataFormatException e) {
            throw new IllegalStateException("stored value is damaged: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }
}
