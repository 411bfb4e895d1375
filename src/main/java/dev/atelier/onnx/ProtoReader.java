package dev.atelier.onnx;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * Minimal forward-only protobuf wire-format reader over a file. It reads tags, varints and
 * length-delimited fields, and skips large fields (weights) by seeking instead of reading them.
 * Every length is checked against its enclosing message before anything is allocated, and the
 * strings it reads are capped one by one and in total, so a crafted file cannot exhaust memory.
 */
final class ProtoReader {
    private static final long MAX_FIELD_NUMBER = (1L << 29) - 1;
    /** Longest string read (names, dimension parameters, external-data keys and locations). */
    static final int MAX_STRING_BYTES = 4096;
    /** Total bytes of all strings read from one file. */
    static final long MAX_TOTAL_STRING_BYTES = 64L << 20;

    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private final FileChannel channel;
    private final long size;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
    /**
     * The first read after a seek past the buffer fetches only this much: such a seek skips a weight
     * payload, and what follows it is usually one small tensor header before the next payload. Filling
     * all 64 KiB there read 8.6 MB of a 1.45 GB U-Net instead of well under 1 MB.
     */
    static final int FILL_AFTER_SEEK = 4096;
    private boolean afterSeek;
    private long bufferStart;
    private long stringBytes;

    ProtoReader(FileChannel channel) throws IOException {
        this.channel = channel;
        this.size = channel.size();
        buffer.limit(0);
        this.bufferStart = 0;
    }

    long size() {
        return size;
    }

    long position() {
        return bufferStart + buffer.position();
    }

    /** Reads the next tag; returns {@code -1} at {@code end}. */
    long readTag(long end) throws IOException {
        if (position() >= end) {
            return -1;
        }
        long tag = readVarint();
        int wireType = (int) (tag & 7);
        // field numbers are 1 .. 2^29 - 1; a larger one would wrap when cast to int and alias a real field
        if (tag >>> 3 == 0 || tag >>> 3 > MAX_FIELD_NUMBER || wireType == 3 || wireType == 4 || wireType > 5) {
            throw new IOException("invalid protobuf tag " + tag + " at byte " + position());
        }
        return tag;
    }

    long readVarint() throws IOException {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte();
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new IOException("malformed varint at byte " + position());
    }

    /** Reads a length prefix and returns the absolute end position of the field, checked against {@code end}. */
    long readLengthEnd(long end) throws IOException {
        long length = readVarint();
        if (length < 0 || length > end - position()) { // subtraction: position() + length may overflow
            throw new IOException("field length " + Long.toUnsignedString(length) + " runs past its message at byte "
                    + position());
        }
        return position() + length;
    }

    String readString(long end) throws IOException {
        long fieldEnd = readLengthEnd(end);
        long declared = fieldEnd - position();
        if (declared > MAX_STRING_BYTES) {
            throw new IOException("a string of " + declared + " bytes at byte " + position() + "; expected names of at most "
                    + MAX_STRING_BYTES + " bytes");
        }
        stringBytes += declared;
        if (stringBytes > MAX_TOTAL_STRING_BYTES) {
            throw new IOException("more than " + MAX_TOTAL_STRING_BYTES + " bytes of names; expected far fewer");
        }
        int length = (int) declared;
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) readByte();
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Skips the value of a field with the given wire type. */
    void skip(int wireType, long end) throws IOException {
        switch (wireType) {
            case VARINT -> readVarint();
            case FIXED64 -> seek(position() + 8, end);
            case FIXED32 -> seek(position() + 4, end);
            case LENGTH_DELIMITED -> seek(readLengthEnd(end), end);
            default -> throw new IOException("unsupported wire type " + wireType);
        }
    }

    void seek(long target, long end) throws IOException {
        if (target > end || target > size) {
            throw new IOException("field runs past the end of its message at byte " + position());
        }
        if (target >= bufferStart && target <= bufferStart + buffer.limit()) {
            buffer.position((int) (target - bufferStart));
        } else {
            bufferStart = target;
            buffer.clear().limit(0);
            afterSeek = true;
        }
    }

    private int readByte() throws IOException {
        if (!buffer.hasRemaining()) {
            bufferStart += buffer.limit();
            buffer.clear();
            if (afterSeek) {
                buffer.limit(FILL_AFTER_SEEK);
                afterSeek = false;
            }
            int n = 0;
            while (n == 0) {
                n = channel.read(buffer, bufferStart);
                if (n < 0) {
                    throw new EOFException("unexpected end of file at byte " + bufferStart);
                }
            }
            buffer.flip();
        }
        return buffer.get() & 0xFF;
    }
}
