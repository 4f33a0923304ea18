package dev.cachet.engine.cache;

import dev.cachet.engine.chat.FinishReason;
import dev.cachet.engine.chat.ModelRef;
import dev.cachet.engine.chat.Usage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * A whole cache entry as one byte string, for stores that keep a value per key (the shared Redis
 * tier): the same fields as a SQLite row, the answer text through the same {@link ValueCodec}
 * (deflated above the configured size). Starts with a format version so that old workbenches
 * sharing a cache with newer ones read what they understand and treat the rest as a miss.
 */
public final class EntryCodec {

    private static final int FORMAT = 1;

    private final ValueCodec values;

    public EntryCodec(int compressAboveBytes) { this.values = new ValueCodec(compressAboveBytes); }

    public byte[] encode(CacheEntry e) {
        var bytes = new ByteArrayOutputStream(256 + e.answer().text().length());
        try (var out = new DataOutputStream(bytes)) {
            CachedAnswer a = e.answer();
            out.writeByte(FORMAT);
            out.writeUTF(e.key().hex());
            out.writeUTF(e.modelNamespace());
            out.writeBoolean(e.templateNamespace() != null);
            if (e.templateNamespace() != null) out.writeUTF(e.templateNamespace());
            out.writeUTF(a.model().provider());
            out.writeUTF(a.model().model());
            out.writeUTF(a.finish().name());
            out.writeInt(a.usage().inputTokens());
            out.writeInt(a.usage().outputTokens());
            out.writeLong(a.created().toEpochMilli());
            out.writeLong(e.expiresAt().toEpochMilli());
            var text = values.encode(a.text());
            out.writeBoolean(text.compressed());
            out.writeInt(text.rawBytes());
            out.writeInt(text.bytes().length);
            out.write(text.bytes());
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalStateException when the bytes are damaged or of an unknown format */
    public CacheEntry decode(byte[] bytes) {
        try (var in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int format = in.readUnsignedByte();
            if (format != FORMAT) throw new IllegalStateException("cache entry in format " + format + ", this Cachet reads " + FORMAT);
            var key = new CacheKey(in.readUTF());
            String modelNs = in.readUTF();
            String templateNs = in.readBoolean() ? in.readUTF() : null;
            var model = new ModelRef(in.readUTF(), in.readUTF());
            var finish = FinishReason.valueOf(in.readUTF());
            var usage = new Usage(in.readInt(), in.readInt());
            var created = Instant.ofEpochMilli(in.readLong());
            var expires = Instant.ofEpochMilli(in.readLong());
            boolean compressed = in.readBoolean();
            int raw = in.readInt();
            byte[] stored = in.readNBytes(in.readInt());
            String text = values.decode(stored, compressed, raw);
            return new CacheEntry(key, new CachedAnswer(text, model, usage, finish, created), modelNs, templateNs, expires);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("stored cache entry is damaged: " + e.getMessage(), e);
        }
    }
}
