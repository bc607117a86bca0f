package io.idvmedia.provider.http;

import java.io.IOException;
import java.io.InputStream;

/**
 * Passes a signed body through while checking its signature incrementally, without holding it: every byte read
 * is fed to the check, and the last byte is held back until the source has ended and the signature has been
 * verified. So a body whose signature fails can never be delivered complete: the reader gets a
 * {@link ResponseSignatureException} instead of its final byte.
 */
public final class VerifiedInputStream extends InputStream {

    private static final int BUFFER = 64 * 1024;

    /** What the stream feeds the bytes to, and asks once they have all passed. */
    public interface Check {
        void update(byte[] bytes, int offset, int length);

        boolean matches();
    }

    private final InputStream source;
    private final Check check;
    private final Runnable onMismatch;
    private final byte[] buffer = new byte[BUFFER];
    private int start;
    private int end;
    private boolean sourceEnded;
    private boolean verified;
    private boolean failed;

    /**
     * @param source the signed body
     * @param check the incremental signature check
     * @param onMismatch called once when the signature fails (to log a security event)
     */
    public VerifiedInputStream(InputStream source, Check check, Runnable onMismatch) {
        this.source = source;
        this.check = check;
        this.onMismatch = onMismatch;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            int held = end - start;
            if (sourceEnded) {
                verify();
                if (held == 0) {
                    return -1;
                }
                return take(b, off, Math.min(len, held));
            }
            if (held > 1) {
                return take(b, off, Math.min(len, held - 1));
            }
            if (start > 0) {
                System.arraycopy(buffer, start, buffer, 0, held);
                start = 0;
                end = held;
            }
            int n = source.read(buffer, end, buffer.length - end);
            if (n < 0) {
                sourceEnded = true;
            } else {
                check.update(buffer, end, n);
                end += n;
            }
        }
    }

    private int take(byte[] b, int off, int n) {
        System.arraycopy(buffer, start, b, off, n);
        start += n;
        return n;
    }

    private void verify() throws ResponseSignatureException {
        if (verified) {
            return;
        }
        if (failed || !check.matches()) {
            start = end;
            if (!failed) {
                failed = true;
                onMismatch.run();
            }
            throw new ResponseSignatureException("The response body does not match its signature");
        }
        verified = true;
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
