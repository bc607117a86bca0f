package io.idvmedia.sandbox;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * A deterministic media body of any size, generated on the fly from a 64 KiB pseudo-random block: every block
 * starts with its own index, so a skipped, repeated or reordered block changes the SHA-256. Starts with an MP4
 * ({@code ftyp}/{@code mdat}) or WebM (EBML/Segment) header so that it is typed like a video. Never holds more than
 * the one block.
 */
public final class GeneratedMedia extends InputStream {

    private static final int BLOCK = 64 * 1024;
    // EBML header (DocType "webm") followed by a Segment of unknown size.
    private static final byte[] WEBM_HEADER = {
        0x1A, 0x45, (byte) 0xDF, (byte) 0xA3, (byte) 0x9F,
        0x42, (byte) 0x86, (byte) 0x81, 0x01, 0x42, (byte) 0xF7, (byte) 0x81, 0x01,
        0x42, (byte) 0xF2, (byte) 0x81, 0x04, 0x42, (byte) 0xF3, (byte) 0x81, 0x08,
        0x42, (byte) 0x82, (byte) 0x84, 'w', 'e', 'b', 'm',
        0x42, (byte) 0x87, (byte) 0x81, 0x04, 0x42, (byte) 0x85, (byte) 0x81, 0x02,
        0x18, 0x53, (byte) 0x80, 0x67, 0x01, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
        (byte) 0xFF, (byte) 0xFF};

    private final long size;
    private final byte[] header;
    private final byte[] block;
    private long position;

    private GeneratedMedia(long size, long seed, byte[] header) {
        this.size = size;
        this.header = size >= header.length ? header : new byte[0];
        this.block = new byte[BLOCK];
        new SplittableRandom(seed).nextBytes(block);
    }

    /** A {@code video/mp4} body of the given size. */
    public static GeneratedMedia mp4(long size, long seed) {
        return new GeneratedMedia(size, seed, mp4Header(size));
    }

    /** A {@code video/webm} body of the given size. */
    public static GeneratedMedia webm(long size, long seed) {
        return new GeneratedMedia(size, seed, WEBM_HEADER);
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        long remaining = size - position;
        if (remaining <= 0) {
            return -1;
        }
        int n = (int) Math.min(len, remaining);
        int written = 0;
        while (written < n) {
            int chunk;
            if (position < header.length) {
                chunk = Math.min(n - written, header.length - (int) position);
                System.arraycopy(header, (int) position, b, off + written, chunk);
            } else {
                long p = position - header.length;
                long index = p / BLOCK;
                int inBlock = (int) (p % BLOCK);
                chunk = Math.min(n - written, BLOCK - inBlock);
                System.arraycopy(block, inBlock, b, off + written, chunk);
                for (int i = inBlock; i < Long.BYTES && i < inBlock + chunk; i++) {
                    b[off + written + i - inBlock] = (byte) (index >>> (56 - 8 * i));
                }
            }
            position += chunk;
            written += chunk;
        }
        return n;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, size - position);
    }

    private static byte[] mp4Header(long size) {
        byte[] h = new byte[40];
        put32(h, 0, 24);
        ascii(h, 4, "ftypisom");
        put32(h, 12, 0x200);
        ascii(h, 16, "isommp41");
        put32(h, 24, 1);
        ascii(h, 28, "mdat");
        long mdat = size - 24;
        for (int i = 0; i < 8; i++) {
            h[32 + i] = (byte) (mdat >>> (56 - 8 * i));
        }
        return h;
    }

    private static void put32(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    private static void ascii(byte[] b, int at, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, b, at, bytes.length);
    }
}
