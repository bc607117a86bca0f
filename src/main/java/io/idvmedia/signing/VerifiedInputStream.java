package io.idvmedia.signing;

import java.io.IOException;
import java.io.InputStream;

/**
 * Passes a signed body through while checking its signature incrementally, without holding it or copying it:
 * every byte read is fed to the check, and the last byte is held back until the source has ended and the signature
 * has been verified. So a body whose signature fails can never be delivered complete: the reader gets a
 * {@link ResponseSignatureException} instead of its final byte.
 */
public final class VerifiedInputStream extends InputStream {

    /** What the stream feeds the bytes to, and asks once they have all passed. */
    public interface Check {
        void update(byte[] bytes, int offset, int length);

        boolean matches();
    }

    private final InputStream source;
    private final Check check;
    private final Runnable onMismatch;
    private int held = -1;
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

    /**
     * Reads straight into the caller's buffer: the byte held back from the previous read goes first, the source
     * fills the rest, and the last byte of what arrived is held back in turn.
     */
    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            if (sourceEnded) {
                verify();
                if (held < 0) {
                    return -1;
                }
                b[off] = (byte) held;
                held = -1;
                return 1;
            }
            int carried = held >= 0 ? 1 : 0;
            if (carried == 1 && len == 1) {
                // No room beside the held byte: read one byte to decide whether the held one is the last.
                int next = source.read();
                if (next < 0) {
                    sourceEnded = true;
                    continue;
                }
                check.update(new byte[] {(byte) next}, 0, 1);
                b[off] = (byte) held;
                held = next;
                return 1;
            }
            int n = source.read(b, off + carried, len - carried);
            if (n < 0) {
                sourceEnded = true;
                continue;
            }
            check.update(b, off + carried, n);
            if (carried == 1) {
                b[off] = (byte) held;
            }
            int total = carried + n;
            held = b[off + total - 1] & 0xff;
            if (total > 1) {
                return total - 1;
            }
        }
    }

    private void verify() throws ResponseSignatureException {
        if (verified) {
            return;
        }
        if (failed || !check.matches()) {
            held = -1;
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
